using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>
/// An Odoo (or the proxy in front of it) that answers 429 is not called again before its
/// <c>Retry-After</c>, in either of the forms HTTP allows (docs/odoo-protocol.md records that 429
/// is transient, not which form Odoo's proxies use).
/// </summary>
public sealed class OdooRateLimitTests
{
    private static readonly Uri Odoo = new("https://cafe.odoo.example/");
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> RetryAfterForms => ["seconds", "date"];

    [Theory]
    [MemberData(nameof(RetryAfterForms))]
    public async Task A_request_refused_with_429_goes_again_only_once_retry_after_has_passed(string form)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler(() => ScriptedHandler.TooManyRequests(response => response.Headers.RetryAfter = form == "seconds"
            ? new RetryConditionHeaderValue(TimeSpan.FromSeconds(3))
            : new RetryConditionHeaderValue(clock.GetUtcNow().AddSeconds(3))), ScriptedHandler.Json);
        var http = Http(handler, new OdooServerGate(4, clock), clock);

        var reply = http.GetAsync("json/version", CancellationToken.None);
        await WaitUntilAsync(() => handler.Sent == 1);
        clock.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(100);
        Assert.Equal(1, handler.Sent);
        clock.Advance(TimeSpan.FromSeconds(0.1));

        Assert.Equal(HttpStatusCode.OK, (await reply).Status);
        Assert.Equal(2, handler.Sent);
    }

    [Fact]
    public async Task A_wait_longer_than_a_request_may_take_fails_it_as_transient_and_keeps_every_call_to_that_server_away_until_then()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler(() => ScriptedHandler.TooManyRequests(response => response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(2))), ScriptedHandler.Json);
        var gate = new OdooServerGate(4, clock);

        var refused = await Http(handler, gate, clock).GetAsync("json/version", CancellationToken.None);
        var another = await Assert.ThrowsAsync<OdooException>(() => Http(handler, gate, clock).GetAsync("json/version", CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal((OdooErrorKind.Transient, "HTTP 429"), (another.Kind, another.OdooName));
        Assert.Equal(1, handler.Sent);
        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.OK, (await Http(handler, gate, clock).GetAsync("json/version", CancellationToken.None)).Status);
    }

    [Fact]
    public async Task A_429_that_names_no_wait_is_answered_at_once_as_it_is_and_the_server_stays_open()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));
        var handler = new ScriptedHandler(() => ScriptedHandler.TooManyRequests(_ => { }), ScriptedHandler.Json);
        var gate = new OdooServerGate(4, clock);

        var refused = await Http(handler, gate, clock).GetAsync("json/version", CancellationToken.None);
        var next = await Http(handler, gate, clock).GetAsync("json/version", CancellationToken.None);

        Assert.Equal((HttpStatusCode.TooManyRequests, HttpStatusCode.OK), (refused.Status, next.Status));
        Assert.Equal(2, gate.Limit);
    }

    private static OdooHttp Http(ScriptedHandler handler, OdooServerGate gate, TimeProvider clock) => new(new HttpClient(handler), Odoo, CallTimeout, gate, clock);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 10)
        {
            Assert.True(waited < 10_000, "the condition never held");
            await Task.Delay(10);
        }
    }
}
