using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Tenants.Authentication;
using NixCafe.Tenants.Features.RevokeApiKey;
using Xunit.Abstractions;

namespace NixCafe.IntegrationTests.Security;

/// <summary>
/// At least a thousand hostile requests, generated from a fixed seed for every endpoint the host
/// maps (read from its endpoint data source, so a new endpoint is covered without being listed).
/// Every answer is below 500 and, when not a success, a ProblemDetails with a reason; a request
/// that is rejected changes nothing in any application table; a success is allowed only where the
/// generator says the request is legitimately valid. Browser sessions get the same treatment:
/// bad, tampered, expired and revoked session cookies, a good one without or with a wrong
/// antiforgery token or with another tenant's ids, and hostile sign-ins.
/// </summary>
public sealed class HostileInputTests(OdooSyncFixture app, ITestOutputHelper output) : IClassFixture<OdooSyncFixture>
{
    private const int Seed = 20261123;
    private const int VariantsPerClass = 8;

    private sealed record HostileCase(string Class, CafeEndpoint Endpoint, Func<HttpRequestMessage> Build, bool MayBeAccepted = false, string? MustNotContain = null, int? Expected = null);

    private sealed record World(TestTenant A, TestTenant B, Guid ARegister, Guid ASecondRegister, Guid BRegister, string RevokedKey, Sessions Sessions);

    /// <summary>
    /// Browser sessions as the settings page holds them: A's and B's, one opened with a key revoked
    /// since, a browser that is not signed in, and session cookies forged with the host's own key
    /// ring for a ticket that has expired and for a key that never existed.
    /// </summary>
    /// <param name="Operator">The operator console's session (its cookie in <see cref="BrowserSession.SessionCookie"/>, under <see cref="OperatorCookieName"/>).</param>
    private sealed record Sessions(BrowserSession A, BrowserSession B, BrowserSession OfRevokedKey, BrowserSession SignedOut, string ExpiredTicket, string UnknownKeyTicket, BrowserSession Operator);

    /// <summary>A browser's cookies (the antiforgery one, and the session once signed in) and the token its page read.</summary>
    private sealed record BrowserSession(string AntiforgeryCookie, string? SessionCookie, string Token)
    {
        /// <summary>The Cookie header with this browser's antiforgery cookie and the given session cookie (its own by default).</summary>
        public string CookieHeader(string? session = null, string name = SessionCookieName) =>
            (session ?? SessionCookie) is { } value ? $"{AntiforgeryCookie}; {name}={value}" : AntiforgeryCookie;
    }

    private const string SessionCookieName = "__Host-NixCafe.Session";
    private const string OperatorCookieName = "__Host-NixCafe.Operator";

    [Fact]
    public async Task No_hostile_request_breaks_the_host_leaks_a_reason_less_error_or_changes_what_it_should_not()
    {
        await app.ResetAsync();
        var world = await CreateWorldAsync();
        var random = new Random(Seed);
        // Session cases draw from their own seeded generator, so adding them left the other classes' cases as they were.
        var sessionRandom = new Random(Seed + 1);
        var cases = EndpointCatalog.Of(app.App).SelectMany(endpoint => CasesFor(endpoint, world, random)).ToList();
        cases.AddRange(EndpointCatalog.Of(app.App).SelectMany(endpoint => SessionCasesFor(endpoint, world, sessionRandom)));
        var checksum = await DatabaseChecksum.OneStatementAsync(app.ConnectionString);
        var client = app.Anonymous();
        var counts = new SortedDictionary<string, (int Sent, int Rejected, int Accepted)>(StringComparer.Ordinal);
        var failures = new List<string>();

        var before = await TestPostgres.ScalarAsync<string>(app.ConnectionString, checksum);
        foreach (var hostile in cases)
        {
            using var request = hostile.Build();
            var described = $"[{hostile.Class}] {request.Method} {request.RequestUri}";
            using var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var after = await TestPostgres.ScalarAsync<string>(app.ConnectionString, checksum);
            var tally = counts.GetValueOrDefault(hostile.Class);
            if (hostile.Expected is { } expected && status != expected)
            {
                failures.Add($"{described}: expected {expected}, got {status}: {Shorten(body)}");
            }

            if (hostile.MustNotContain is { } forbidden && body.Contains(forbidden, StringComparison.Ordinal))
            {
                failures.Add($"{described}: {status} answered with {forbidden}: {Shorten(body)}");
            }

            if (status is >= 200 and < 300)
            {
                counts[hostile.Class] = (tally.Sent + 1, tally.Rejected, tally.Accepted + 1);
                if (!hostile.MayBeAccepted)
                {
                    failures.Add($"{described}: accepted with {status}: {Shorten(body)}");
                }

                before = after;
                continue;
            }

            counts[hostile.Class] = (tally.Sent + 1, tally.Rejected + 1, tally.Accepted);
            if (status >= 500 || status < 400)
            {
                failures.Add($"{described}: {status}: {Shorten(body)}");
            }
            else if (ProblemReason(response, body, status) is { } problem)
            {
                failures.Add($"{described}: {status} {problem}: {Shorten(body)}");
            }

            if (after != before)
            {
                failures.Add($"{described}: rejected with {status} but the database changed");
                before = after;
            }
        }

        output.WriteLine($"seed {Seed}: {cases.Count} requests over {cases.Select(c => c.Endpoint).Distinct().Count()} endpoints");
        output.WriteLine($"{"class",-44} {"sent",6} {"rejected",9} {"accepted",9}");
        foreach (var (name, (sent, rejected, accepted)) in counts)
        {
            output.WriteLine($"{name,-44} {sent,6} {rejected,9} {accepted,9}");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join('\n', failures.Take(40)));
        Assert.True(cases.Count >= 1000, $"only {cases.Count} requests were generated");
        Assert.True(counts.Where(pair => pair.Key.StartsWith(SessionClass, StringComparison.Ordinal)).Sum(pair => pair.Value.Sent) >= 200, "too few browser-session requests");
        // The SQL-looking names that were accepted were stored as text, not run.
        Assert.True(await TestPostgres.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM cafe.pos_configs") >= 3);
    }

    /// <summary>Null when the answer is a ProblemDetails with this status and a reason; otherwise what is wrong with it.</summary>
    private static string? ProblemReason(HttpResponseMessage response, string body, int status)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"is not a ProblemDetails ({response.Content.Headers.ContentType?.MediaType ?? "no content type"})";
        }

        var problem = JsonDocument.Parse(body).RootElement;
        if (!problem.TryGetProperty("status", out var answered) || answered.GetInt32() != status)
        {
            return "has no matching status";
        }

        return problem.TryGetProperty("title", out var title) && !string.IsNullOrWhiteSpace(title.GetString()) ? null : "has no title";
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";

    private async Task<World> CreateWorldAsync()
    {
        var a = await app.CreateTenantAsync("pro", "Hostile A");
        var b = await app.CreateTenantAsync("pro", "Hostile B");
        // Connection tests and drains fail at once (nothing listens on port 1): no call can hang.
        await app.ConnectAsync(a.Id, "http://127.0.0.1:1/", "a-db", "odoo-key-a");
        var aRegister = await CreateRegisterAsync(a, "Café", "FR");
        var aSecond = await CreateRegisterAsync(a, "Back", "BK");
        var bRegister = await CreateRegisterAsync(b, "B till", "BT");
        var revoked = await app.SendAsync(new NixCafe.Tenants.Features.IssueApiKey.IssueApiKeyCommand(a.Id));
        var ofRevokedKey = await OpenBrowserAsync(signInWith: revoked.Key);
        await app.SendAsync(new RevokeApiKeyCommand(revoked.KeyId));
        var sessions = new Sessions(
            await OpenBrowserAsync(signInWith: a.Key), await OpenBrowserAsync(signInWith: b.Key), ofRevokedKey, await OpenBrowserAsync(signInWith: null),
            ForgedSessionCookie(new VerifiedApiKey(a.Id, a.KeyId), expired: true), ForgedSessionCookie(new VerifiedApiKey(a.Id, Guid.NewGuid()), expired: false),
            await OpenBrowserAsync(signInWith: CafeAppFixture.OperatorKey, route: OperatorSessionEndpoints.Route));
        return new World(a, b, aRegister, aSecond, bRegister, revoked.Key, sessions);
    }

    /// <summary>As the settings page does: read a token, sign in with the key, read the token bound to the session.</summary>
    private async Task<BrowserSession> OpenBrowserAsync(string? signInWith, string route = SessionEndpoints.Route)
    {
        var (cookieName, field) = route == SessionEndpoints.Route ? (SessionCookieName, "apiKey") : (OperatorCookieName, "operatorKey");
        var client = app.Anonymous();
        client.BaseAddress = new Uri("https://localhost/");
        var cookies = new Dictionary<string, string>();
        async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? token = null, object? body = null)
        {
            using var request = new HttpRequestMessage(method, route);
            if (cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
            }

            if (token is not null)
            {
                request.Headers.Add(BrowserSessions.AntiforgeryHeader, token);
            }

            request.Content = body is null ? null : JsonContent.Create(body);
            var response = await client.SendAsync(request);
            foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            {
                var pair = header.Split(';')[0];
                cookies[pair[..pair.IndexOf('=')]] = pair[(pair.IndexOf('=') + 1)..];
            }

            return response;
        }

        async Task<string> ReadTokenAsync() =>
            (await (await SendAsync(HttpMethod.Get)).ReadOkAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString()!;

        var token = await ReadTokenAsync();
        if (signInWith is not null)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Post, token, new Dictionary<string, string> { [field] = signInWith })).StatusCode);
            token = await ReadTokenAsync();
        }

        var antiforgery = cookies.Single(cookie => cookie.Key != cookieName);
        return new BrowserSession($"{antiforgery.Key}={antiforgery.Value}", cookies.GetValueOrDefault(cookieName), token);
    }

    /// <summary>A session cookie sealed with the host's own key ring, so only its content (expiry, key) can make it fail.</summary>
    private string ForgedSessionCookie(VerifiedApiKey key, bool expired)
    {
        var cookie = app.App.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(BrowserSessions.CookieScheme);
        // Before both the host's test clock and the wall clock, whichever the cookie handler reads.
        var now = new[] { app.Clock.GetUtcNow(), DateTimeOffset.UtcNow }.Min();
        var properties = new AuthenticationProperties
        {
            IssuedUtc = expired ? now.AddHours(-2) : now,
            ExpiresUtc = expired ? now.AddHours(-1) : now.AddYears(10),
        };
        return cookie.TicketDataFormat.Protect(new AuthenticationTicket(
            ApiKeyAuthenticationHandler.TenantPrincipal(key, BrowserSessions.CookieScheme), properties, BrowserSessions.CookieScheme));
    }

    private static async Task<Guid> CreateRegisterAsync(TestTenant tenant, string name, string prefix) =>
        (await (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name, prefix }))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created)).Id;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH"];

    private static readonly string[] MalformedJson =
    [
        "{", "}", "{\"name\":", "{\"name\":\"Front\"", "[1,2", "nul", "{'name':'Front'}", "{\"name\":\"Front\",}", "\u0000", "{\"name\" \"x\"}",
        "{\"shopId\":}", "<xml/>", "name=Front", "{\"a\":" + new string('[', 2000), "\"unterminated", "{\"name\":\"\\ud800\\u\"}",
    ];

    private static readonly string[] ControlAndInvisible =
        ["\u0000", "\u0007", "\u001b[31m", "\u200b", "\u200d", "\u202e", "\ufeff", "\u2028", "\u00ad", "\ue000", "\r\n", "\t"];

    private static readonly string[] SqlAndScript =
    [
        "'; DROP TABLE cafe.pos_configs; --", "\" OR 1=1 --", "<script>alert(1)</script>", "Robert'); DELETE FROM commerce.tenants; --",
        "${jndi:ldap://x}", "{{7*7}}", "../../etc/passwd", "%00%27", "1; SELECT pg_sleep(10)", "<img src=x onerror=alert(1)>",
    ];

    private static readonly string[] BadAuthorizations =
    [
        "", "Bearer", "Bearer ", "Basic dXNlcjpwYXNz", "Bearer ncf_", "Bearer ncf_zzz.secret", "Bearer ncf_00000000000000000000000000000000.x",
        "Bearer " + new string('k', 5000), "Bearer test-operator-key-012345678", "bearer\tncf_x.y", "Token abc",
    ];

    private IEnumerable<HostileCase> CasesFor(CafeEndpoint endpoint, World world, Random random)
    {
        // A's second register takes every change, so "Café"/"FR" of the first stay for the lookalikes to collide with.
        var tenantRoute = endpoint.Path(name => name switch { "tenantId" => world.A.Id.ToString(), "odooPosConfigId" => "7", _ => world.ASecondRegister.ToString() });
        string Pick(string[] pool) => pool[random.Next(pool.Length)];
        HttpRequestMessage Request(string method, string path, string? authorization, HttpContent? content = null)
        {
            var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = content };
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            return request;
        }

        var ownAuth = endpoint.Audience switch
        {
            EndpointAudience.Operator => "Bearer " + CafeAppFixture.OperatorKey,
            EndpointAudience.Tenant => "Bearer " + world.A.Key,
            _ => null,
        };
        HttpRequestMessage Own(string? json, string path = "", string? method = null) =>
            Request(method ?? endpoint.Method, path.Length == 0 ? tenantRoute : path, ownAuth, json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"));

        // Every endpoint, anonymous ones included: wrong methods and bodies over the cap.
        var mapped = EndpointCatalog.Of(app.App).Where(other => other.Pattern.RawText == endpoint.Pattern.RawText).Select(other => other.Method).ToHashSet();
        foreach (var method in Methods.Where(method => !mapped.Contains(method)).Take(2))
        {
            for (var i = 0; i < VariantsPerClass / 2; i++)
            {
                yield return new HostileCase("wrong method", endpoint, () => Own(null, method: method));
            }
        }

        for (var i = 0; i < VariantsPerClass; i++)
        {
            var size = 65_537 + random.Next(200_000);
            yield return new HostileCase("huge body", endpoint, () => Own("{\"name\":\"" + new string('x', size) + "\"}"));
        }

        if (endpoint.Audience == EndpointAudience.Anonymous)
        {
            // The session endpoints read a body too; the rest are the page's files, health and OpenAPI.
            if (endpoint.TakesJsonBody)
            {
                for (var i = 0; i < VariantsPerClass; i++)
                {
                    var json = Pick(MalformedJson);
                    yield return new HostileCase("malformed json", endpoint, () => Own(json));
                    var key = "{\"apiKey\":\"" + Pick(SqlAndScript).Replace("\"", "\\\"") + "\"}";
                    yield return new HostileCase("sql and script", endpoint, () => Own(key));
                }
            }

            yield break;
        }

        // Credentials: missing, malformed, revoked, and (for operator endpoints) a tenant's.
        for (var i = 0; i < VariantsPerClass; i++)
        {
            var authorization = Pick(BadAuthorizations);
            yield return new HostileCase("bad credentials", endpoint, () => Request(endpoint.Method, tenantRoute, authorization.Length == 0 ? null : authorization, JsonBody("{}")));
        }

        yield return new HostileCase("revoked key", endpoint, () => Request(endpoint.Method, tenantRoute, "Bearer " + world.RevokedKey, JsonBody("{}")));
        if (endpoint.Audience == EndpointAudience.Operator)
        {
            yield return new HostileCase("tenant key on operator", endpoint, () => Request(endpoint.Method, tenantRoute, "Bearer " + world.A.Key, JsonBody("{}")));
            yield return new HostileCase("tenant key on operator", endpoint, () => Request(endpoint.Method, tenantRoute, "Bearer " + world.B.Key, JsonBody("{}")));
        }

        // Ids that do not exist, are malformed, or are another tenant's.
        if (endpoint.RouteParameters.Count > 0)
        {
            for (var i = 0; i < VariantsPerClass; i++)
            {
                var unknown = endpoint.Path(_ => SeededGuid(random).ToString());
                yield return new HostileCase("unknown id", endpoint, () => Own(endpoint.TakesJsonBody ? ValidBody(endpoint, world) : null, unknown));
                var id = Pick(["0", "-1", "not-a-guid", "' OR 1=1 --", "..", "%00", new string('9', 500), "{registerId}"]);
                var malformed = endpoint.Path(_ => id);
                // A ".." segment is resolved to the parent path, which may be another endpoint the caller may use.
                yield return new HostileCase("malformed id", endpoint, () => Own(endpoint.TakesJsonBody ? ValidBody(endpoint, world) : null, malformed), MayBeAccepted: id == "..");
            }

            if (endpoint.Audience == EndpointAudience.Tenant)
            {
                var theirs = endpoint.Path(_ => world.BRegister.ToString());
                yield return new HostileCase("other tenant's id", endpoint, () => Own(endpoint.TakesJsonBody ? ValidBody(endpoint, world) : null, theirs));
                yield return new HostileCase("other tenant's key", endpoint, () => Request(endpoint.Method, tenantRoute, "Bearer " + world.B.Key, JsonBody(endpoint.TakesJsonBody ? ValidBody(endpoint, world) : "{}")));
            }
        }

        if (endpoint.Method == "GET")
        {
            for (var i = 0; i < VariantsPerClass; i++)
            {
                var query = Pick(["?shopId=not-a-guid", "?shopId=' OR 1=1 --", "?shopId=" + SeededGuid(random), "?shopId=" + world.B.ShopId, "?tenantId=" + world.B.Id, "?page=-1&pageSize=0", "?page=x", "?pageSize=99999999999"]);
                // A query a GET endpoint does not read, or an unknown shop, is harmless and may be answered (with A's own data only).
                yield return new HostileCase("hostile query", endpoint, () => Own(null, tenantRoute + query), MayBeAccepted: true);
            }
        }

        if (!endpoint.TakesJsonBody)
        {
            yield break;
        }

        var fields = FieldsOf(endpoint);
        for (var i = 0; i < VariantsPerClass; i++)
        {
            var malformed = Pick(MalformedJson);
            yield return new HostileCase("malformed json", endpoint, () => Own(malformed));
            var valid = ValidBody(endpoint, world);
            var cut = valid[..random.Next(1, valid.Length - 1)];
            yield return new HostileCase("truncated json", endpoint, () => Own(cut));
            var field = fields[random.Next(fields.Length)];
            var wrongType = field == "shopId" ? Pick(["123", "true", "[]", "{}", "\"not-a-guid\""]) : Pick(["123", "true", "[]", "{}", "1.5e308", "{\"nested\":1}"]);
            yield return new HostileCase("wrong types", endpoint, () => Own(WithField(valid, field, wrongType)));
            yield return new HostileCase("nulls", endpoint, () => Own(random.Next(3) == 0 ? "null" : WithField(valid, field, "null")), MayBeAccepted: field is "prefix" or "reason");
            var huge = string.Concat(Enumerable.Repeat(Pick(["x", "é", "漢", "😀"]), 600 + random.Next(8000)));
            yield return new HostileCase("huge strings", endpoint, () => Own(WithField(valid, field, JsonSerializer.Serialize(huge))));
            var invisible = "Till" + Pick(ControlAndInvisible) + random.Next(1000);
            yield return new HostileCase("control and invisible", endpoint, () => Own(WithField(valid, field, JsonSerializer.Serialize(invisible))));
            var sql = Pick(SqlAndScript);
            // Free text may legitimately look like SQL or HTML: it is stored and shown as text, never run.
            var sqlValue = JsonSerializer.Serialize(sql + random.Next(1000));
            yield return new HostileCase("sql and script", endpoint, () => Own(WithField(valid, field, sqlValue)), MayBeAccepted: field is "name" or "database" or "login" or "apiKey" or "reason");
            var contentType = Pick(["text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", ""]);
            yield return new HostileCase("wrong content type", endpoint, () =>
            {
                var request = Own(null);
                request.Content = new StringContent(valid, Encoding.UTF8);
                request.Content.Headers.ContentType = contentType.Length == 0 ? null : MediaTypeHeaderValue.Parse(contentType);
                return request;
            });
        }

        // Names and prefixes that only look different from ones the shop already has.
        if (fields.Contains("name") || fields.Contains("prefix"))
        {
            string[] sameName = ["café", "CAFÉ", "Cafe\u0301", " Café ", "CAFE\u0301", "\u00a0Café", "Café\t"];
            string[] samePrefix = ["fr", "Fr", " FR ", "fR"];
            foreach (var look in fields.Contains("name") ? sameName : samePrefix)
            {
                yield return new HostileCase("lookalike duplicates", endpoint, () => Own(WithField(ValidBody(endpoint, world), fields.Contains("name") ? "name" : "prefix", JsonSerializer.Serialize(look))));
            }
        }
    }

    private const string SessionClass = "cookie session: ";

    /// <summary>What a browser can send with a session cookie instead of a key, to every endpoint.</summary>
    private static IEnumerable<HostileCase> SessionCasesFor(CafeEndpoint endpoint, World world, Random random)
    {
        var sessions = world.Sessions;
        // The OpenAPI document's route names a document: the real one, so only the cookie is hostile.
        var ownRoute = endpoint.Path(name => name switch { "tenantId" => world.A.Id.ToString(), "documentName" => "v1", "odooPosConfigId" => "7", _ => world.ASecondRegister.ToString() });
        var isSessionEndpoint = endpoint.Pattern.RawText!.TrimEnd('/') == SessionEndpoints.Route;
        var body = endpoint.TakesJsonBody ? ValidBody(endpoint, world) : null;
        string Pick(string[] pool) => pool[random.Next(pool.Length)];
        HostileCase Case(string name, string path, string cookie, string? token, string? json, bool mayBeAccepted = false, string? method = null, int? expected = null) =>
            new(SessionClass + name, endpoint, () =>
            {
                var request = new HttpRequestMessage(new HttpMethod(method ?? endpoint.Method), path) { Content = json is null ? null : JsonBody(json) };
                request.Headers.TryAddWithoutValidation("Cookie", cookie);
                if (token is not null)
                {
                    request.Headers.TryAddWithoutValidation(BrowserSessions.AntiforgeryHeader, token);
                }

                return request;
            }, mayBeAccepted, MustNotContain: isSessionEndpoint ? "\"signedIn\":true" : "B till", expected);

        // Session cookies that must open no session: garbage, A's tampered, expired, of a revoked key,
        // of a key that never existed. Anonymous endpoints (the page, health, the session itself) may
        // still answer, as to a browser that is not signed in.
        var anonymous = endpoint.Audience == EndpointAudience.Anonymous;
        int? signInAgain = anonymous ? null : 401;
        for (var i = 0; i < 2; i++)
        {
            var garbage = Pick(["", "deleted", "CfDJ8" + SeededGuid(random).ToString("N"), new string('x', 3000), "%00%27%3B", Convert.ToBase64String(SeededGuid(random).ToByteArray())]);
            yield return Case("garbage cookie", ownRoute, sessions.A.CookieHeader(garbage), sessions.A.Token, body, anonymous, expected: signInAgain);
            var value = sessions.A.SessionCookie!;
            var at = random.Next(value.Length);
            var tampered = value[..at] + (value[at] == 'A' ? 'B' : 'A') + value[(at + 1)..];
            yield return Case("tampered cookie", ownRoute, sessions.A.CookieHeader(tampered), sessions.A.Token, body, anonymous, expected: signInAgain);
        }

        yield return Case("expired cookie", ownRoute, sessions.A.CookieHeader(sessions.ExpiredTicket), sessions.A.Token, body, anonymous, expected: signInAgain);
        yield return Case("forged cookie of no key", ownRoute, sessions.A.CookieHeader(sessions.UnknownKeyTicket), sessions.A.Token, body, anonymous, expected: signInAgain);
        yield return Case("revoked key's cookie", ownRoute, sessions.OfRevokedKey.CookieHeader(), sessions.OfRevokedKey.Token, body, anonymous, expected: signInAgain);

        if (endpoint.Audience == EndpointAudience.Operator)
        {
            // A tenant's browser never reaches the operator's endpoints: not with its own cookie, nor
            // with that cookie put under the operator cookie's name (each scheme seals its tickets apart).
            yield return Case("tenant session on operator", ownRoute, sessions.A.CookieHeader(), sessions.A.Token, body, expected: 401);
            yield return Case("tenant session on operator", ownRoute, sessions.A.CookieHeader(name: OperatorCookieName), sessions.A.Token, body, expected: 401);
            if (endpoint.Method is not ("GET" or "HEAD"))
            {
                // The operator's own session: only the missing or wrong antiforgery token stands in the way.
                yield return Case("operator session without antiforgery token", ownRoute, sessions.Operator.CookieHeader(name: OperatorCookieName), null, body, expected: 400);
                yield return Case("operator session with a wrong antiforgery token", ownRoute, sessions.Operator.CookieHeader(name: OperatorCookieName),
                    Pick([sessions.A.Token, sessions.SignedOut.Token, "CfDJ8" + SeededGuid(random).ToString("N")]), body, expected: 400);
            }

            yield break;
        }

        if (endpoint.Audience == EndpointAudience.Tenant)
        {
            // The operator's session is no tenant's: under either cookie name, the tenant API does not know it.
            yield return Case("operator session on tenant", ownRoute, sessions.Operator.CookieHeader(name: OperatorCookieName), sessions.Operator.Token, body, expected: 401);
            yield return Case("operator session on tenant", ownRoute, sessions.Operator.CookieHeader(), sessions.Operator.Token, body, expected: 401);
        }

        var isUnsafe = endpoint.Method is not ("GET" or "HEAD");
        if (endpoint.Audience == EndpointAudience.Tenant)
        {
            if (isUnsafe)
            {
                // A's own ids: only the missing or wrong antiforgery token stands in the way.
                yield return Case("no antiforgery token", ownRoute, sessions.A.CookieHeader(), null, body, expected: 400);
                yield return Case("wrong antiforgery token", ownRoute, sessions.A.CookieHeader(), Pick([sessions.B.Token, sessions.SignedOut.Token, "CfDJ8" + SeededGuid(random).ToString("N"), ""]), body, expected: 400);
            }

            // A good session and token, with B's ids wherever an id can go; without a route id the
            // endpoint is A's own and may answer, with A's data only.
            var theirs = endpoint.Path(name => name == "tenantId" ? world.B.Id.ToString() : world.BRegister.ToString()) + $"?tenantId={world.B.Id}&shopId={world.B.ShopId}";
            var theirBody = body is null ? null : body.Replace(world.A.ShopId.ToString(), world.B.ShopId.ToString(), StringComparison.Ordinal);
            yield return Case("other tenant's ids", theirs, sessions.A.CookieHeader(), sessions.A.Token, theirBody,
                mayBeAccepted: endpoint.RouteParameters.Count == 0 && !endpoint.TakesJsonBody);
            yield break;
        }

        if (isSessionEndpoint && endpoint.Method == "POST")
        {
            // Hostile sign-ins from a browser with a good antiforgery pair (so the body is what is judged), and without the token.
            for (var i = 0; i < VariantsPerClass; i++)
            {
                var apiKey = Pick(
                [
                    JsonSerializer.Serialize(Pick(SqlAndScript)), JsonSerializer.Serialize("ncf_" + Pick(ControlAndInvisible) + "x.y"), "123", "[]", "{}", "null",
                    JsonSerializer.Serialize(new string('k', 5000 + random.Next(20_000))), JsonSerializer.Serialize(world.RevokedKey), JsonSerializer.Serialize(CafeAppFixture.OperatorKey),
                    JsonSerializer.Serialize(world.B.Key[..^3] + "zzz"),
                ]);
                yield return Case("hostile sign-in", ownRoute, sessions.SignedOut.CookieHeader(), sessions.SignedOut.Token, "{\"apiKey\":" + apiKey + "}");
                yield return Case("hostile sign-in", ownRoute, sessions.SignedOut.CookieHeader(), sessions.SignedOut.Token, Pick(MalformedJson));
                yield return Case("hostile sign-in", ownRoute, sessions.A.CookieHeader(), sessions.A.Token, "{\"apiKey\":" + apiKey + "}");
            }

            yield return Case("no antiforgery token", ownRoute, sessions.SignedOut.CookieHeader(), null, JsonSerializer.Serialize(new { apiKey = world.A.Key }));
            yield return Case("no antiforgery token", ownRoute, sessions.A.CookieHeader(), null, JsonSerializer.Serialize(new { apiKey = world.B.Key }));
            yield return Case("wrong antiforgery token", ownRoute, sessions.SignedOut.CookieHeader(), sessions.B.Token, JsonSerializer.Serialize(new { apiKey = world.B.Key }));
        }
        else if (isSessionEndpoint && endpoint.Method == "DELETE")
        {
            yield return Case("no antiforgery token", ownRoute, sessions.A.CookieHeader(), null, null);
            yield return Case("wrong antiforgery token", ownRoute, sessions.A.CookieHeader(), sessions.B.Token, null);
        }
        else if (endpoint.Method == "GET" && endpoint.Pattern.RawText!.StartsWith("/cafe/settings", StringComparison.Ordinal))
        {
            // The settings page's files take nothing: a signed-in browser posting a body to them, with or without its token.
            yield return Case("hostile body to the page", ownRoute, sessions.A.CookieHeader(), null, Pick(MalformedJson), method: "POST");
            yield return Case("hostile body to the page", ownRoute, sessions.A.CookieHeader(), sessions.A.Token, "{\"apiKey\":" + JsonSerializer.Serialize(Pick(SqlAndScript)) + "}", method: "PUT");
        }
    }

    private static Guid SeededGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static string[] FieldsOf(CafeEndpoint endpoint) => endpoint.Pattern.RawText switch
    {
        var route when route!.EndsWith("/name", StringComparison.Ordinal) => ["name"],
        var route when route!.EndsWith("/prefix", StringComparison.Ordinal) => ["prefix"],
        var route when route!.EndsWith("/odoo-connection", StringComparison.Ordinal) => ["baseUrl", "database", "login", "apiKey"],
        var route when route!.StartsWith("/api/cafe/session", StringComparison.Ordinal) => ["apiKey"],
        var route when route!.EndsWith("/odoo-sync/pause", StringComparison.Ordinal) => ["reason"],
        var route when route!.EndsWith("/odoo-sync/drift-policy", StringComparison.Ordinal) => ["policy"],
        _ => ["shopId", "name", "prefix"],
    };

    /// <summary>A body the endpoint would accept, which each case spoils in one way.</summary>
    private static string ValidBody(CafeEndpoint endpoint, World world) => FieldsOf(endpoint) switch
    {
        ["name"] => """{"name":"Renamed"}""",
        ["prefix"] => """{"prefix":"NEW"}""",
        ["baseUrl", ..] => """{"baseUrl":"http://127.0.0.1:1/","database":"a-db","login":"admin","apiKey":"odoo-key-a"}""",
        ["apiKey"] => """{"apiKey":"ncf_x.y"}""",
        ["reason"] => """{"reason":"Odoo upgrade tonight"}""",
        ["policy"] => """{"policy":"report"}""",
        _ => $$"""{"shopId":"{{world.A.ShopId}}","name":"Valid till","prefix":"VT"}""",
    };

    private static string WithField(string json, string field, string rawValue)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(field);
        var parts = node.Select(pair => $"{JsonSerializer.Serialize(pair.Key)}:{pair.Value!.ToJsonString()}").Append($"{JsonSerializer.Serialize(field)}:{rawValue}");
        return "{" + string.Join(",", parts) + "}";
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");
}
