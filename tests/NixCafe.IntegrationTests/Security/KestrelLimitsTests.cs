using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using NixCafe.Host;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Security;

/// <summary>
/// The body cap on the real server: Kestrel enforces its own limit, which answers without a body;
/// the host's cap must trip first so a client still gets a ProblemDetails 413.
/// </summary>
public sealed class KestrelLimitsTests : IAsyncLifetime
{
    private WebApplication _app = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateMigratedDatabaseAsync();
        _app = CafeWebApp.Build(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--NixCafe:OdooSync:SchedulerEnabled=false"], database);
        await _app.StartAsync();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_body_over_the_cap_answers_a_problem_413_on_kestrel(bool declared)
    {
        using var client = new HttpClient { BaseAddress = new Uri(_app.Urls.Single()) };
        var json = Encoding.UTF8.GetBytes($$"""{"apiKey":"{{new string('x', 100_000)}}"}""");
        HttpContent content = declared ? new ByteArrayContent(json) : new StreamContent(new UnseekableStream(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        var response = await client.PostAsync("/api/cafe/session", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>A stream of unknown length, so HttpClient sends it chunked, without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
