using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Features.RunSyncTick;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>The connector against the fake Odoo and the real PostgreSQL (the push queue of docs/design.md).</summary>
public sealed class DrainTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    private async Task<Dictionary<string, object?>> RowAsync(Guid registerId) =>
        Assert.Single(await TestPostgres.QueryAsync(App.ConnectionString,
            $"SELECT sync_state, odoo_sync_retries, odoo_next_attempt_at, sync_error_message, odoo_pos_config_id FROM cafe.pos_configs WHERE id = '{registerId}'"));

    private IEnumerable<FakeOdooCall> ModelCalls(string method) => Odoo.Calls.Where(call => call.ModelMethod == method);

    [Theory]
    [OdooVersions]
    public async Task A_new_register_is_created_inOdoo_with_the_templates_settings_and_marked_synced(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var template = Template;
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal((1, 1, 0), (result.PendingCreates, result.Created, result.FailedCreates));
        var created = InOdoo(front);
        Assert.Equal("Front", created.Name);
        Assert.True(created.Active);
        foreach (var field in new[] { "journal_id", "picking_type_id", "pricelist_id", "company_id", "invoice_journal_id" })
        {
            Assert.Equal(template.ManyToOne.GetValueOrDefault(field), created.ManyToOne.GetValueOrDefault(field));
        }

        Assert.Equal(template.ManyToMany["available_pricelist_ids"], created.ManyToMany["available_pricelist_ids"]);
        // The template's non-cash methods, and a cash method of the register's own instead of the template's.
        var cash = Odoo.PaymentMethods.Where(method => method.IsCashCount).Select(method => method.Id).ToHashSet();
        var own = Assert.Single(created.ManyToMany["payment_method_ids"], cash.Contains);
        Assert.Equal(template.ManyToMany["payment_method_ids"].Where(id => !cash.Contains(id)), created.ManyToMany["payment_method_ids"].Where(id => id != own));
        Assert.DoesNotContain(own, template.ManyToMany["payment_method_ids"]);
        var row = await RowAsync(front);
        Assert.Equal("synced", row["sync_state"]);
        Assert.Equal(created.Id, row["odoo_pos_config_id"]);
        Assert.Equal(0, row["odoo_sync_retries"]);
    }

    [Theory]
    [OdooVersions]
    public async Task FieldsOdoo_lacks_or_computes_are_never_sent_and_the_template_is_read_once_per_drain(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        await CreateAsync(tenant, "Front");
        await CreateAsync(tenant, "Drive");

        await App.DrainAsync(tenant.Id);

        var everything = string.Join('\n', Odoo.Calls.Select(call => call.Arguments.ToJsonString()));
        Assert.DoesNotContain("stock_location_id", everything);
        Assert.DoesNotContain("currency_id", everything);
        Assert.Single(ModelCalls("fields_get"));
        // The template, then which of its payment methods count cash.
        Assert.Equal(["pos.config", "pos.payment.method"], ModelCalls("search_read").Select(call => call.Model));
        Assert.Equal((1, 1, 1), (Loads("account.journal"), Loads("pos.payment.method"), Loads()));
        Assert.Equal(odooVersion == 16 ? 1 : 0, Odoo.Calls.Count(call => call.Method == "authenticate"));
    }

    [Theory]
    [OdooVersions]
    public async Task A_rename_and_a_deactivation_reachOdoo_by_a_load_of_the_database_id(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);

        await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "z-archived-test-register" });
        Assert.Equal("pending_update", (await RowAsync(front))["sync_state"]);
        var renamed = await App.DrainAsync(tenant.Id);
        Assert.Equal("z-archived-test-register", InOdoo(front).Name);

        await tenant.Client.PostAsync($"{Registers}/{front}/deactivate", null);
        var deactivated = await App.DrainAsync(tenant.Id);

        Assert.Equal((1, 1), (renamed.Updated, deactivated.Updated));
        Assert.False(InOdoo(front).Active);
        Assert.Equal("synced", (await RowAsync(front))["sync_state"]);
        var update = ModelCalls("load").Last();
        Assert.Equal("[\".id\",\"name\",\"active\"]", update.LoadFields!.ToJsonString());
        Assert.Equal($"[[\"{InOdoo(front).Id}\",\"z-archived-test-register\",\"False\"]]", update.LoadRows!.ToJsonString());
    }

    [Theory]
    [OdooVersions]
    public async Task An_edit_made_while_the_create_is_in_flight_is_requeued_and_pushed_by_the_same_drain(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        var release = new TaskCompletionSource();
        Odoo.FailNext(1, new FakeOdooFault.Hold(release.Task), "load", model: "pos.config");

        var drain = App.DrainAsync(tenant.Id);
        await Eventually.TrueAsync(() => Loads() > 0, "the create's load reaching Odoo");
        await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Counter" });
        release.SetResult();
        var first = await drain;

        Assert.Equal((1, 1, 1), (first.Created, first.RequeuedForDivergence, first.Updated));
        // The create carried the old name; the update that follows in the same drain, the new one.
        var loads = ModelCalls("load").Where(call => call.Model == "pos.config").Select(call => call.LoadRows!.ToJsonString()).ToList();
        Assert.Equal(2, loads.Count);
        Assert.Contains("\"Front\"", loads[0]);
        Assert.Contains("\"Counter\"", loads[1]);
        Assert.Equal("Counter", InOdoo(front).Name);
        Assert.Equal("synced", (await RowAsync(front))["sync_state"]);
    }

    [Theory]
    [InlineData("transient")]
    [InlineData("record")]
    public async Task An_edit_made_while_its_push_fails_goes_out_at_the_next_drain_instead_of_taking_the_failure(string failure)
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Counter" });
        // The rename's push is slow, then refused; the second rename lands while it is on its way.
        Odoo.Latency = TimeSpan.FromMilliseconds(800);
        Odoo.FailNext(1, failure == "transient"
            ? new FakeOdooFault.ServiceUnavailable()
            : new FakeOdooFault.RpcError("odoo.exceptions.ValidationError", "The default pricelist must be included in the available pricelists."), "load");

        var drain = App.DrainAsync(tenant.Id);
        await Eventually.TrueAsync(() => Loads() == 2, "the rename's load reaching Odoo");
        App.Clock.Advance(TimeSpan.FromSeconds(1));
        (await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Terrace" })).EnsureSuccessStatusCode();
        await drain;
        Odoo.Latency = TimeSpan.Zero;

        var row = await RowAsync(front);
        Assert.Equal(("pending_update", 0, null, null), ((string)row["sync_state"]!, (int)row["odoo_sync_retries"]!, row["odoo_next_attempt_at"], row["sync_error_message"]));
        Assert.Equal(1, (await App.DrainAsync(tenant.Id)).Updated);
        Assert.Equal("Terrace", InOdoo(front).Name);
    }

    [Theory]
    [OdooVersions]
    public async Task Transient_failures_back_off_1_5_15_60_minutes_and_dead_letter_at_the_fifth(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var seeded = Odoo.SeededPosConfigCount;
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        int[] delays = [1, 5, 15, 60];

        for (var failure = 1; failure <= 5; failure++)
        {
            Odoo.FailNext(10, new FakeOdooFault.ServiceUnavailable());
            var result = await App.DrainAsync(tenant.Id);
            var row = await RowAsync(front);
            Assert.Equal(failure, row["odoo_sync_retries"]);
            Assert.StartsWith("HTTP 503", (string)row["sync_error_message"]!);
            if (failure < 5)
            {
                Assert.Equal("pending_create", row["sync_state"]);
                var wait = (DateTime)row["odoo_next_attempt_at"]! - App.Clock.GetUtcNow().UtcDateTime;
                Assert.InRange(wait, TimeSpan.FromMinutes(delays[failure - 1]), TimeSpan.FromMinutes(delays[failure - 1] * 1.1));
                Assert.Equal(0, (await App.DrainAsync(tenant.Id)).PendingCreates);
                App.Clock.Advance(wait);
            }
            else
            {
                Assert.Equal("sync_error", row["sync_state"]);
                Assert.Null(row["odoo_next_attempt_at"]);
                Assert.Equal(1, result.DeadLettered);
            }
        }

        Assert.Equal(0, (await App.DrainAsync(tenant.Id)).PendingCreates);
        Assert.Equal(seeded, Odoo.PosConfigs.Count);
    }

    [Theory]
    [OdooVersions]
    public async Task A_record_error_dead_letters_at_once_withOdoos_reason_and_not_its_traceback(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        // A template Odoo would now refuse to copy: its default pricelist is not among the available ones.
        Odoo.Edit(store =>
        {
            store.PosConfig(1).ManyToOne["pricelist_id"] = 1;
            store.PosConfig(1).ManyToMany["available_pricelist_ids"] = [2];
        });

        var result = await App.DrainAsync(tenant.Id);

        var row = await RowAsync(front);
        Assert.Equal("sync_error", row["sync_state"]);
        Assert.Equal("load(available_pricelist_ids): The default pricelist must be included in the available pricelists.", row["sync_error_message"]);
        Assert.Equal((1, 1), (result.FailedCreates, result.DeadLettered));
    }

    [Fact]
    public async Task A_sparse_template_leaves_empty_many2ones_toOdoos_defaults()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        Odoo.Edit(store =>
        {
            store.PosConfig(1).ManyToOne["journal_id"] = null;
            store.PosConfig(1).ManyToOne["invoice_journal_id"] = null;
            store.PosConfig(1).ManyToMany["available_pricelist_ids"] = [];
        });

        await App.DrainAsync(tenant.Id);

        var load = ModelCalls("load").Single(call => call.Model == "pos.config").LoadFields!.ToJsonString();
        Assert.DoesNotContain("journal_id", load);
        Assert.Equal("synced", (await RowAsync(front))["sync_state"]);
        Assert.Equal(9, InOdoo(front).ManyToOne["journal_id"]);
        Assert.Empty(InOdoo(front).ManyToMany["available_pricelist_ids"]);
    }

    [Fact]
    public async Task Without_an_active_template_the_create_fails_naming_the_cause()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        Odoo.Edit(store => store.PosConfig(1).Active = false);

        await App.DrainAsync(tenant.Id);

        var row = await RowAsync(front);
        Assert.Equal("sync_error", row["sync_state"]);
        Assert.StartsWith("NoTemplate: the tenant's Odoo has no active pos.config", (string)row["sync_error_message"]!);
    }

    [Theory]
    [OdooVersions]
    public async Task A_tenant_error_spends_no_retry_marks_the_connection_unhealthy_and_skips_the_tenant_until_fixed(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo, apiKey: "a-revoked-key");
        var front = await CreateAsync(tenant, "Front");

        var refused = await App.DrainAsync(tenant.Id);
        var skipped = await App.DrainAsync(tenant.Id);

        Assert.Contains("unhealthy", refused.Skipped);
        Assert.Contains("unhealthy", skipped.Skipped);
        var row = await RowAsync(front);
        Assert.Equal(("pending_create", 0), ((string)row["sync_state"]!, (int)row["odoo_sync_retries"]!));
        // Refused once: the second drain did not call Odoo.
        Assert.Single(Odoo.Calls, call => call.Method is "authenticate" or "check_access_rights" or "search_read" or "fields_get");

        await App.ConnectAsync(tenant.Id, Odoo.BaseUrl.ToString(), FakeOdooServer.DatabaseName, Odoo.ApiKey);
        Assert.Equal(1, (await App.DrainAsync(tenant.Id)).Created);
    }

    [Fact]
    public async Task A_tenant_whose_drain_crashes_does_not_stop_the_others()
    {
        var broken = await App.ConnectedProTenantAsync(Odoo, name: "Broken");
        var healthy = await App.ConnectedProTenantAsync(Odoo, name: "Healthy");
        await CreateAsync(broken, "Front");
        var front = await CreateAsync(healthy, "Front");
        // A stored URL that is no URL (the validator would refuse it): that drain throws before it reaches Odoo.
        await TestPostgres.ExecuteAsync(App.ConnectionString, $"UPDATE odoo_sync.tenant_connections SET base_url = 'not a url' WHERE tenant_id = '{broken.Id}'");

        var tick = await App.SendAsync(new RunOdooSyncTickCommand());

        Assert.Equal((2, 1, 1), (tick.Tenants, tick.FailedTenants, tick.Created));
        Assert.Equal("synced", (await RowAsync(front))["sync_state"]);
    }

    [Theory]
    [InlineData(16, "account.journal")]
    [InlineData(16, "pos.payment.method")]
    [InlineData(16, "pos.config")]
    [InlineData(19, "account.journal")]
    [InlineData(19, "pos.payment.method")]
    [InlineData(19, "pos.config")]
    public async Task A_reply_lost_afterOdoo_committed_any_step_duplicates_nothing(int odooVersion, string lostStep)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        Odoo.FailNext(1, new FakeOdooFault.CommitThenDrop(), "load", model: lostStep);

        var lost = await App.DrainAsync(tenant.Id);

        Assert.Equal(1, lost.FailedCreates);
        // Odoo did the lost step; the steps after it were not reached.
        Assert.Equal(lostStep == "pos.config" ? 1 : 0, Odoo.PosConfigs.Count(config => config.Name == "Front"));
        Assert.Single(Odoo.Journals, journal => journal.Name == "Cash Front");
        Assert.Equal(("pending_create", 1), ((string)(await RowAsync(front))["sync_state"]!, (int)(await RowAsync(front))["odoo_sync_retries"]!));

        App.Clock.Advance(TimeSpan.FromMinutes(2));
        var retry = await App.DrainAsync(tenant.Id);

        Assert.Equal(1, retry.Created);
        Assert.Single(Odoo.PosConfigs, config => config.Name == "Front");
        // One journal and one method were made for the register, whichever reply was lost.
        var journal = Assert.Single(Odoo.Journals, journal => journal.Name == "Cash Front");
        var method = Assert.Single(Odoo.PaymentMethods, method => method.JournalId == journal.Id);
        Assert.Contains(method.Id, InOdoo(front).ManyToMany["payment_method_ids"]);
        Assert.Equal(InOdoo(front).Id, (await RowAsync(front))["odoo_pos_config_id"]);
        Assert.Equal("synced", (await RowAsync(front))["sync_state"]);
    }

    [Theory]
    [InlineData(16, "hang", "Timeout: Odoo did not answer within 2 s")]
    [InlineData(16, "not-json", "NotJson: the server at")]
    [InlineData(16, "drop", "Unreachable: cannot reach")]
    [InlineData(16, "503", "HTTP 503: Odoo is unavailable")]
    [InlineData(16, "serialization", "psycopg2.errors.SerializationFailure: could not serialize access")]
    [InlineData(19, "hang", "Timeout: Odoo did not answer within 2 s")]
    [InlineData(19, "not-json", "NotJson: the server at")]
    [InlineData(19, "drop", "Unreachable: cannot reach")]
    [InlineData(19, "503", "HTTP 503: Odoo is unavailable")]
    [InlineData(19, "serialization", "psycopg2.errors.SerializationFailure: could not serialize access")]
    public async Task Every_transient_failure_is_retried_later_with_a_readable_reason(int odooVersion, string kind, string reason)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        Odoo.FailNext(1, kind switch
        {
            "hang" => new FakeOdooFault.Hang(),
            "not-json" => new FakeOdooFault.NotJson(),
            "drop" => new FakeOdooFault.DropConnection(),
            "503" => new FakeOdooFault.ServiceUnavailable(),
            _ => new FakeOdooFault.RpcError("psycopg2.errors.SerializationFailure", "could not serialize access due to concurrent update"),
        }, "load");

        await App.DrainAsync(tenant.Id);

        var row = await RowAsync(front);
        Assert.Equal(("pending_create", 1), ((string)row["sync_state"]!, (int)row["odoo_sync_retries"]!));
        Assert.StartsWith(reason, (string)row["sync_error_message"]!);
        Assert.DoesNotContain("Traceback", (string)row["sync_error_message"]!);
    }

    [Fact]
    public async Task A_stale_login_is_renewed_once_and_the_call_goes_through()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Counter" });
        Odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.AccessDenied", "Access Denied"), "load");

        var result = await App.DrainAsync(tenant.Id);

        Assert.Equal(1, result.Updated);
        Assert.Equal("Counter", InOdoo(front).Name);
        Assert.Equal(2, Odoo.Calls.Count(call => call.Method == "authenticate"));
    }

    [Fact]
    public async Task A_call_and_its_fresh_login_together_end_within_twice_the_call_timeout_so_no_push_outlives_its_lease()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Counter" });
        // Each request stays within the 2 s call timeout (0.6 s to spare on a busy machine); the
        // refused call, the login and the call again (4.2 s at least) do not stay within twice
        // that, the most a lease is sure to cover.
        Odoo.Latency = TimeSpan.FromMilliseconds(1400);
        Odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.AccessDenied", "Access Denied"), "load");

        var result = await App.DrainAsync(tenant.Id);

        var row = await RowAsync(front);
        Assert.Equal((1, "pending_update", 1), (result.FailedUpdates, (string)row["sync_state"]!, (int)row["odoo_sync_retries"]!));
        Assert.Equal("Timeout: Odoo did not answer within 4 s", row["sync_error_message"]);
    }

    [Fact]
    public async Task A_disabled_connection_stops_the_pushes()
    {
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        await CreateAsync(tenant, "Front");

        (await App.Operator().DeleteAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection")).EnsureSuccessStatusCode();

        Assert.Equal("no enabled Odoo connection", (await App.DrainAsync(tenant.Id)).Skipped);
        Assert.Empty(Odoo.Calls);
    }
}
