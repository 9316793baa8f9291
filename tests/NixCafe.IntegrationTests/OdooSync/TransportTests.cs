using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>
/// The transport is chosen per connection by asking the server (/json/2 on 19 and later, the only
/// choice on 20; /jsonrpc on 16 to 18), or forced by the operator; the drain never sees which.
/// </summary>
public sealed class TransportTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    private Task<Dictionary<string, object?>> RowAsync(Guid registerId) =>
        TestPostgres.QueryAsync(App.ConnectionString, $"SELECT sync_state, odoo_sync_retries, sync_error_message FROM cafe.pos_configs WHERE id = '{registerId}'")
            .ContinueWith(rows => Assert.Single(rows.Result));

    private IEnumerable<string> LoadTransports => Odoo.Calls.Where(call => call.ModelMethod == "load").Select(call => call.Transport).Distinct();

    [Theory]
    [InlineData(16, true, "16.0", "jsonrpc")]
    [InlineData(17, true, "17.0", "jsonrpc")]
    [InlineData(18, true, "18.0", "jsonrpc")]
    [InlineData(19, true, "19.0", "json2")]
    [InlineData(19, false, "19.0", "json2")]
    public async Task Each_version_is_found_and_its_registers_are_created_renamed_and_deactivated_over_its_transport(int odooVersion, bool jsonRpc, string version, string transport)
    {
        await UseOdooAsync(odooVersion, jsonRpc);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");

        var test = await App.TestConnectionAsync(tenant.Id);
        var created = await App.DrainAsync(tenant.Id);
        (await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        (await tenant.Client.PostAsync($"{Registers}/{front}/deactivate", null)).EnsureSuccessStatusCode();
        var updated = await App.DrainAsync(tenant.Id);

        Assert.Equal((true, version, transport), (test.Ok, test.ServerVersion, test.Transport));
        Assert.Equal((1, 1), (created.Created, updated.Updated));
        Assert.Equal(("Counter", false), (InOdoo(front).Name, InOdoo(front).Active));
        Assert.Equal([transport], LoadTransports);
        // /json/2 needs no login; /jsonrpc logs in once per host and connection.
        Assert.Equal(transport == "jsonrpc" ? 1 : 0, Odoo.Calls.Count(call => call.Method == "authenticate"));
    }

    [Fact]
    public async Task The_operator_may_force_jsonrpc_on_19_and_is_told_when_a_forced_json2_has_no_server()
    {
        await UseOdooAsync(19);
        var forcedJsonRpc = await App.CreateTenantAsync("pro", "Forced JSON-RPC");
        await App.ConnectAsync(forcedJsonRpc.Id, Odoo.BaseUrl.ToString(), FakeOdooServer.DatabaseName, Odoo.ApiKey, transport: "jsonrpc");
        var front = await CreateAsync(forcedJsonRpc, "Front");

        var test = await App.TestConnectionAsync(forcedJsonRpc.Id);
        await App.DrainAsync(forcedJsonRpc.Id);

        Assert.Equal((true, "19.0", "jsonrpc"), (test.Ok, test.ServerVersion, test.Transport));
        Assert.Equal([FakeOdooCall.JsonRpc], LoadTransports);
        Assert.Equal("synced", (await RowAsync(front))["sync_state"]);

        await using var odoo16 = await FakeOdooServer.StartAsync();
        var forcedJsonTwo = await App.CreateTenantAsync("pro", "Forced JSON-2");
        await App.ConnectAsync(forcedJsonTwo.Id, odoo16.BaseUrl.ToString(), FakeOdooServer.DatabaseName, odoo16.ApiKey, transport: "json2");
        var refused = await App.TestConnectionAsync(forcedJsonTwo.Id);

        Assert.Equal((false, "version"), (refused.Ok, refused.Stage));
        Assert.Contains("NoJsonTwo", refused.Message);
        Assert.Equal("json2", (await App.StatusAsync(forcedJsonTwo.Id)).Connection!.Transport);
    }

    [Fact]
    public async Task An_unknown_transport_is_refused_with_a_problem_naming_the_field_and_the_connection_is_kept()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);

        var response = await App.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection",
            new { baseUrl = "http://odoo.invalid/", database = "x", login = "y", apiKey = "z", transport = "xmlrpc" });

        Assert.NotEmpty((await response.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("transport"));
        var kept = (await App.StatusAsync(tenant.Id)).Connection!;
        Assert.Equal((Odoo.BaseUrl.ToString(), "auto"), (kept.BaseUrl, kept.Transport));
    }

    [Fact]
    public async Task A_tenant_that_upgrades_from_16_to_19_is_noticed_and_a_server_without_jsonrpc_is_reached_over_json2()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);

        // 19 still answers /jsonrpc: nothing says the server changed, and the pushes go on over it.
        Odoo.UpgradeTo(19);
        var terrace = await CreateAsync(tenant, "Terrace");
        await App.DrainAsync(tenant.Id);
        Assert.Equal([FakeOdooCall.JsonRpc], LoadTransports);
        Assert.Equal("synced", (await RowAsync(terrace))["sync_state"]);

        // The tenant goes to a server without /jsonrpc (Odoo 20): the next push notices and moves to /json/2.
        Odoo.UpgradeTo(19, jsonRpc: false);
        (await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        var renamed = await App.DrainAsync(tenant.Id);
        var test = await App.TestConnectionAsync(tenant.Id);

        Assert.Equal(1, renamed.Updated);
        Assert.Equal(("synced", 0), ((string)(await RowAsync(front))["sync_state"]!, (int)(await RowAsync(front))["odoo_sync_retries"]!));
        Assert.Equal("Counter", InOdoo(front).Name);
        Assert.Equal(FakeOdooCall.Json2, Odoo.Calls.Last(call => call.ModelMethod == "load").Transport);
        Assert.Equal((true, "19.0", "json2"), (test.Ok, test.ServerVersion, test.Transport));
    }

    [Theory]
    [InlineData(17)] // /json/2 answers a 404 page, as on 16
    [InlineData(18)] // /json/2 answers a redirect to the login page
    public async Task A_json2_server_replaced_by_an_older_odoo_at_the_same_address_is_asked_again_and_reached_over_jsonrpc(int olderVersion)
    {
        // A restore or a replacement behind the same URL (and, in these tests, a fake 16 started on a
        // port an earlier 19 used): the host must not go on with the /json/2 it chose before. (The
        // fake keeps its records, so it does not play a 16 here: a 16 requires a pricelist the 19's lack.)
        await UseOdooAsync(19);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        Assert.Equal([FakeOdooCall.Json2], LoadTransports);

        Odoo.UpgradeTo(olderVersion);
        (await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        var renamed = await App.DrainAsync(tenant.Id);

        Assert.Equal(1, renamed.Updated);
        Assert.Equal(("synced", 0), ((string)(await RowAsync(front))["sync_state"]!, (int)(await RowAsync(front))["odoo_sync_retries"]!));
        Assert.Equal("Counter", InOdoo(front).Name);
        Assert.Equal(FakeOdooCall.JsonRpc, Odoo.Calls.Last(call => call.ModelMethod == "load").Transport);
    }

    public static TheoryData<string, string, string> JsonTwoFailures => new()
    {
        { "403", "tenant", "odoo.exceptions.AccessError" },
        { "404 model", "tenant", "werkzeug.exceptions.NotFound" },
        { "404 record", "record", "odoo.exceptions.MissingError" },
        { "422", "record", "odoo.exceptions.ValidationError" },
        { "500 ValueError", "record", "builtins.ValueError" },
        { "500 TypeError", "record", "builtins.TypeError" },
        { "500 other", "transient", "psycopg2.OperationalError" },
        { "502", "transient", "HTTP 502" },
        { "429", "transient", "HTTP 429" },
    };

    [Theory]
    [MemberData(nameof(JsonTwoFailures))]
    public async Task A_json2_failure_waits_retries_or_dead_letters_by_its_status_and_name(string failure, string kind, string reason)
    {
        await UseOdooAsync(19);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        Odoo.FailNext(1, failure switch
        {
            "403" => new FakeOdooFault.RpcError("odoo.exceptions.AccessError", "You are not allowed to modify 'Point of Sale Configuration'"),
            "404 model" => new FakeOdooFault.JsonStatus(404, """{"name": "werkzeug.exceptions.NotFound", "message": "404 Not Found"}"""),
            "404 record" => new FakeOdooFault.RpcError("odoo.exceptions.MissingError", "Record does not exist or has been deleted."),
            "422" => new FakeOdooFault.RpcError("odoo.exceptions.ValidationError", "Missing required value"),
            "500 ValueError" => new FakeOdooFault.JsonStatus(500, """{"name": "builtins.ValueError", "message": "Wrong value"}"""),
            "500 TypeError" => new FakeOdooFault.RpcError("builtins.TypeError", "load() got an unexpected keyword argument"),
            "500 other" => new FakeOdooFault.RpcError("psycopg2.OperationalError", "server closed the connection unexpectedly"),
            "502" => new FakeOdooFault.JsonStatus(502, """{"message": "Bad Gateway"}"""),
            _ => new FakeOdooFault.JsonStatus(429, """{"message": "Too Many Requests"}"""),
        }, "load", model: "pos.config");

        await App.DrainAsync(tenant.Id);

        var row = await RowAsync(front);
        var connection = (await App.StatusAsync(tenant.Id)).Connection!;
        var (state, retries, healthy) = kind switch
        {
            "tenant" => ("pending_create", 0, false),
            "record" => ("sync_error", 1, true),
            _ => ("pending_create", 1, true),
        };
        Assert.Equal((state, retries, healthy), ((string)row["sync_state"]!, (int)row["odoo_sync_retries"]!, connection.Healthy));
        Assert.StartsWith(reason, kind == "tenant" ? connection.LastError : (string)row["sync_error_message"]!);
    }

    [Fact]
    public async Task A_wrong_database_or_key_over_json2_pauses_the_tenant_and_the_test_says_which()
    {
        await UseOdooAsync(19);
        var tenant = await App.CreateTenantAsync("pro");
        await App.ConnectAsync(tenant.Id, Odoo.BaseUrl.ToString(), "nosuchdb", Odoo.ApiKey);
        var front = await CreateAsync(tenant, "Front");

        var badDatabase = await App.DrainAsync(tenant.Id);
        var badDatabaseTest = await App.TestConnectionAsync(tenant.Id);
        await App.ConnectAsync(tenant.Id, Odoo.BaseUrl.ToString(), FakeOdooServer.DatabaseName, "a-revoked-key");
        var badKeyTest = await App.TestConnectionAsync(tenant.Id);

        Assert.Contains("DatabaseNotFound", badDatabase.Skipped);
        Assert.Equal((false, "authenticate"), (badDatabaseTest.Ok, badDatabaseTest.Stage));
        Assert.StartsWith("bad database", badDatabaseTest.Message);
        Assert.Equal((false, "authenticate"), (badKeyTest.Ok, badKeyTest.Stage));
        Assert.StartsWith("bad credentials", badKeyTest.Message);
        Assert.Equal(("pending_create", 0), ((string)(await RowAsync(front))["sync_state"]!, (int)(await RowAsync(front))["odoo_sync_retries"]!));
    }

    /// <summary>Over /jsonrpc every real answer is HTTP 200; over /json/2 a 403 is Odoo's own refusal of the user (see the failure classes above).</summary>
    [Fact]
    public async Task A_proxys_json_error_page_over_jsonrpc_is_a_transport_failure_and_the_next_create_still_copies_the_whole_template()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        // A web application firewall in front of Odoo blocks the field list, then the template, for a while.
        var blocked = new FakeOdooFault.JsonStatus(403, """{"message": "Request blocked by WAF"}""");
        var states = new List<(string, int, string)>();
        foreach (var (modelMethod, wait) in new[] { ("fields_get", 2), ("search_read", 6) })
        {
            Odoo.FailNext(1, blocked, modelMethod);
            await App.DrainAsync(tenant.Id);
            var row = await RowAsync(front);
            states.Add(((string)row["sync_state"]!, (int)row["odoo_sync_retries"]!, (string)row["sync_error_message"]!));
            App.Clock.Advance(TimeSpan.FromMinutes(wait));
        }

        await App.DrainAsync(tenant.Id);

        Assert.All(states, state => Assert.Equal("pending_create", state.Item1));
        Assert.All(states, state => Assert.Contains("HTTP 403", state.Item3));
        Assert.Equal([1, 2], states.Select(state => state.Item2));
        Assert.Equal("synced", (await RowAsync(front))["sync_state"]);
        foreach (var field in new[] { "journal_id", "picking_type_id", "company_id", "invoice_journal_id" })
        {
            Assert.Equal(Template.ManyToOne[field], InOdoo(front).ManyToOne[field]);
        }
    }

    [Theory]
    [OdooVersions]
    public async Task A_redirect_is_never_followed_with_the_key_and_names_its_target(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var reached = 0;
        await using var elsewhere = WebApplication.CreateSlimBuilder().Build();
        elsewhere.Urls.Add("http://127.0.0.1:0");
        elsewhere.Run(context =>
        {
            Interlocked.Increment(ref reached);
            return context.Response.WriteAsync("{}");
        });
        await elsewhere.StartAsync();
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        var target = new Uri(new Uri(elsewhere.Urls.Single()), "collect");
        Odoo.FailNext(1, new FakeOdooFault.Redirect(target), "fields_get");

        await App.DrainAsync(tenant.Id);

        Assert.Equal(0, reached);
        var connection = (await App.StatusAsync(tenant.Id)).Connection!;
        Assert.False(connection.Healthy);
        Assert.Contains($"a redirect to {target.GetLeftPart(UriPartial.Authority)}", connection.LastError);
        Assert.DoesNotContain(Odoo.ApiKey, connection.LastError);
        Assert.Equal(("pending_create", 0), ((string)(await RowAsync(front))["sync_state"]!, (int)(await RowAsync(front))["odoo_sync_retries"]!));
    }
}
