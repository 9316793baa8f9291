using System.Net;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>Answers requests with the replies it was given, in turn, and counts them.</summary>
internal sealed class ScriptedHandler(params Func<HttpResponseMessage>[] replies) : HttpMessageHandler
{
    private int _sent;

    public int Sent => Volatile.Read(ref _sent);

    public static HttpResponseMessage Json() => new(HttpStatusCode.OK) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };

    public static HttpResponseMessage TooManyRequests(Action<HttpResponseMessage> retryAfter)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { Content = new StringContent("<html/>", System.Text.Encoding.UTF8, "text/html") };
        retryAfter(response);
        return response;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var index = Interlocked.Increment(ref _sent) - 1;
        return Task.FromResult(replies[Math.Min(index, replies.Length - 1)]());
    }
}
