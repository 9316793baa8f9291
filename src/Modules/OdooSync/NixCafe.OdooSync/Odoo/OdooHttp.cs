using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using NixCafe.Shared.Hosting;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// Sends one request to a tenant's Odoo and reads the whole reply, with the call timeout, through
/// the server's <see cref="OdooServerGate"/>. The named HttpClient never follows redirects (see
/// <see cref="OdooSyncModule"/>). Timeouts and refused connections are transient failures; every
/// reply, whatever its status, is returned, except a 429 whose <c>Retry-After</c> fits in the
/// call timeout: that request is sent again once the wait is over. A 429 that names no wait is
/// returned (a transient failure: the register's retry schedule waits) and slows the gate.
/// </summary>
internal sealed class OdooHttp(HttpClient http, Uri baseUrl, TimeSpan callTimeout, OdooServerGate gate, TimeProvider clock)
{
    public Uri BaseUrl => baseUrl;

    /// <summary>Posts a JSON body (<see cref="OdooRequestBody"/>), sent with its length.</summary>
    public Task<OdooReply> PostAsync(string path, ReadOnlyMemory<byte> body, Action<HttpRequestMessage>? prepare, CancellationToken cancellationToken) =>
        SendAsync(() =>
        {
            var content = new ReadOnlyMemoryContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json", "utf-8");
            var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, path)) { Content = content };
            prepare?.Invoke(request);
            return request;
        }, cancellationToken);

    public Task<OdooReply> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path)), cancellationToken);

    /// <summary>
    /// The wait a 429 asks for: <c>Retry-After</c> in seconds or as an HTTP date (RFC 9110 allows
    /// both; docs/odoo-protocol.md records only that Odoo may answer 429, not which form it uses),
    /// or null without one.
    /// </summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta > TimeSpan.Zero ? delta : TimeSpan.Zero,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>Sends of one request that met a 429 before its reply counts as transient.</summary>
    private const int MaxSends = 3;

    private async Task<OdooReply> SendAsync(Func<HttpRequestMessage> prepare, CancellationToken cancellationToken)
    {
        for (var send = 1; ; send++)
        {
            // Odoo did nothing with a request it refused with 429: the same request goes again once
            // the server said it may (the gate waits for that), when that is within this request's time.
            var (reply, retryAfter) = await SendOnceAsync(prepare(), cancellationToken);
            if (retryAfter is not { } wait || wait > callTimeout || send == MaxSends)
            {
                return reply;
            }
        }
    }

    private async Task<(OdooReply Reply, TimeSpan? RetryAfter)> SendOnceAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            // Waiting for the server's turn is not the server's time: the request's timeout starts
            // once it may be sent. The caller's deadline (a call's two timeouts) bounds the wait.
            await gate.EnterAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var started = Stopwatch.GetTimestamp();
            try
            {
                await WaitUntilOpenAsync(cancellationToken);
                timeout.CancelAfter(callTimeout);
                started = Stopwatch.GetTimestamp();
                request.Headers.Add("X-NixCafe-Host", HostIdentity.Name);
                using var response = await http.SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                var reply = new OdooReply(baseUrl, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.Headers.Location);
                if (response.StatusCode != HttpStatusCode.TooManyRequests)
                {
                    return (reply, null);
                }

                var wait = RetryAfter(response, clock.GetUtcNow());
                gate.Refused(wait is { } after ? clock.GetUtcNow() + after : null);
                return (reply, wait);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new OdooException(OdooErrorKind.Transient, "Timeout", $"Odoo did not answer within {callTimeout.TotalSeconds:0.#} s");
            }
            catch (HttpRequestException exception)
            {
                throw new OdooException(OdooErrorKind.Transient, "Unreachable", exception.HttpRequestError is HttpRequestError.NameResolutionError
                    ? $"the host {baseUrl.Host} is not known"
                    : $"cannot reach {baseUrl.GetLeftPart(UriPartial.Authority)} ({exception.HttpRequestError})");
            }
            finally
            {
                gate.Leave(Stopwatch.GetElapsedTime(started));
            }
        }
    }

    /// <summary>
    /// Honours a 429 another call got from this server: waits it out when it ends within this
    /// request's time, and otherwise fails at once (transient) without calling the server.
    /// </summary>
    private async Task WaitUntilOpenAsync(CancellationToken cancellationToken)
    {
        var wait = gate.ClosedUntil - clock.GetUtcNow();
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > callTimeout)
        {
            throw new OdooException(OdooErrorKind.Transient, "HTTP 429",
                $"Odoo asked not to be called for {wait.TotalSeconds:0} s (Retry-After); the next attempt waits for it");
        }

        await Task.Delay(wait, clock, cancellationToken);
    }
}
