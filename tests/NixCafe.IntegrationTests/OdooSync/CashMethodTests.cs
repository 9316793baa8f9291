using System.Net.Http.Json;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>
/// Since Odoo 17 a cash payment method belongs to one point of sale: every new register gets a
/// cash journal and a cash method of its own, made once and never shared, on 16 as on 19.
/// </summary>
public sealed class CashMethodTests(OdooSyncFixture app) : OdooSyncTestBase(app)
{
    private Task<string?> StateAsync(Guid registerId) =>
        TestPostgres.ScalarAsync<string>(App.ConnectionString, $"SELECT sync_state FROM cafe.pos_configs WHERE id = '{registerId}'");

    private FakePaymentMethod OwnCashMethod(Guid registerId) =>
        Assert.Single(Odoo.PaymentMethods, method => method.Id == Odoo.IdOfExternalId($"__nixcafe__.register_{registerId:N}_cash_method"));

    [Theory]
    [OdooVersions]
    public async Task Each_new_register_gets_a_cash_journal_and_method_of_its_own_and_none_is_shared(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var cashBefore = Odoo.PaymentMethods.Where(method => method.IsCashCount).Select(method => method.Id).ToHashSet();
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        Guid[] registers = [await CreateAsync(tenant, "Front"), await CreateAsync(tenant, "Terrace"), await CreateAsync(tenant, "Drive")];

        Assert.Equal(3, (await App.DrainAsync(tenant.Id)).Created);

        var owners = new Dictionary<int, Guid>();
        foreach (var register in registers)
        {
            var config = InOdoo(register);
            var method = OwnCashMethod(register);
            var journal = Assert.Single(Odoo.Journals, journal => journal.Id == method.JournalId);
            Assert.Equal(("cash", $"Cash {config.Name}", true, "Cash"), (journal.Type, journal.Name, method.IsCashCount, method.Name));
            // The register's own cash method is the only cash method it has: none of the template's.
            Assert.Equal([method.Id], config.ManyToMany["payment_method_ids"].Where(id => Odoo.PaymentMethods.Single(m => m.Id == id).IsCashCount));
            Assert.DoesNotContain(method.Id, cashBefore);
            owners.Add(method.Id, register);
        }

        // No cash method sits on two configs.
        Assert.All(Odoo.PaymentMethods.Where(method => method.IsCashCount), method =>
            Assert.True(Odoo.PosConfigs.Count(config => config.ManyToMany["payment_method_ids"].Contains(method.Id)) <= 1, $"cash method {method.Id} is shared"));
        Assert.Equal(3, owners.Count);
    }

    [Fact]
    public async Task A_register_that_dead_lettered_after_its_journal_was_made_reuses_it_on_its_next_attempt()
    {
        await UseOdooAsync(19);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        Odoo.FailNext(1, new FakeOdooFault.RpcError("odoo.exceptions.ValidationError", "The operation cannot be completed"), "load", model: "pos.config");

        var refused = await App.DrainAsync(tenant.Id);
        var journalsAfterRefusal = Odoo.Journals.Count;
        var methodsAfterRefusal = Odoo.PaymentMethods.Count;
        (await tenant.Client.PostAsync($"/api/cafe/odoo-sync/registers/{front}/requeue", null)).EnsureSuccessStatusCode();
        var retried = await App.DrainAsync(tenant.Id);

        Assert.Equal((1, 1), (refused.DeadLettered, retried.Created));
        Assert.Equal("synced", await StateAsync(front));
        Assert.Equal((journalsAfterRefusal, methodsAfterRefusal), (Odoo.Journals.Count, Odoo.PaymentMethods.Count));
        Assert.Single(Odoo.Journals, journal => journal.Name == "Cash Front");
        Assert.Contains(OwnCashMethod(front).Id, InOdoo(front).ManyToMany["payment_method_ids"]);
    }

    [Theory]
    [OdooVersions]
    public async Task A_template_without_a_cash_method_gives_new_registers_none(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var cash = Odoo.PaymentMethods.Where(method => method.IsCashCount).Select(method => method.Id).ToHashSet();
        Odoo.Edit(store => store.PosConfig(1).ManyToMany["payment_method_ids"].RemoveAll(cash.Contains));
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");

        Assert.Equal(1, (await App.DrainAsync(tenant.Id)).Created);

        Assert.Equal(Template.ManyToMany["payment_method_ids"], InOdoo(front).ManyToMany["payment_method_ids"]);
        Assert.Equal((0, 0), (Loads("account.journal"), Loads("pos.payment.method")));
        // Nothing to make, so nothing to ask about rights.
        Assert.DoesNotContain(Odoo.Calls, call => call.ModelMethod == "check_access_rights");
    }

    [Fact]
    public async Task A_user_who_may_not_make_cash_journals_pauses_the_tenant_without_spending_retries_until_the_right_is_granted()
    {
        await UseOdooAsync(19);
        const string login = "pos-only", apiKey = "pos-only-key-3c1d";
        var uid = Odoo.AddUser(login, apiKey, accountingRights: false);
        var tenant = await App.CreateTenantAsync("pro");
        await App.ConnectAsync(tenant.Id, Odoo.BaseUrl.ToString(), FakeOdooServer.DatabaseName, apiKey, login);
        var front = await CreateAsync(tenant, "Front");

        var paused = await App.DrainAsync(tenant.Id);
        var test = await App.TestConnectionAsync(tenant.Id);
        var status = await App.StatusAsync(tenant.Id);

        Assert.Contains("CashJournalRights", paused.Skipped);
        Assert.Equal((false, "rights"), (test.Ok, test.Stage));
        Assert.Contains("Accounting / Administrator", test.Message);
        Assert.False(status.Connection!.Healthy);
        Assert.StartsWith("CashJournalRights: the Odoo user may not create cash journals", status.Connection.LastError);
        Assert.Equal(("pending_create", 0), (await StateAsync(front), await TestPostgres.ScalarAsync<int>(App.ConnectionString, $"SELECT odoo_sync_retries FROM cafe.pos_configs WHERE id = '{front}'")));
        Assert.Equal(0, Loads("account.journal") + Loads());

        Odoo.SetAccountingRights(uid, granted: true);
        var retest = await App.TestConnectionAsync(tenant.Id);
        var resumed = await App.DrainAsync(tenant.Id);

        Assert.True(retest.Ok, retest.Message);
        Assert.Equal(1, resumed.Created);
        Assert.Equal("synced", await StateAsync(front));
        Assert.Contains(OwnCashMethod(front).Id, InOdoo(front).ManyToMany["payment_method_ids"]);
    }

    [Fact]
    public async Task A_right_taken_away_after_registers_were_made_pauses_the_next_create_instead_of_dead_lettering_it()
    {
        await UseOdooAsync(19);
        var uid = Odoo.AddUser("accountant", "accountant-key-77a0");
        var tenant = await App.CreateTenantAsync("pro");
        await App.ConnectAsync(tenant.Id, Odoo.BaseUrl.ToString(), FakeOdooServer.DatabaseName, "accountant-key-77a0", "accountant");
        var front = await CreateAsync(tenant, "Front");
        Assert.Equal(1, (await App.DrainAsync(tenant.Id)).Created);

        Odoo.SetAccountingRights(uid, granted: false);
        var terrace = await CreateAsync(tenant, "Terrace");
        var paused = await App.DrainAsync(tenant.Id);

        Assert.Contains("CashJournalRights", paused.Skipped);
        Assert.Equal(("synced", "pending_create"), (await StateAsync(front), await StateAsync(terrace)));
        Assert.Equal(0, paused.DeadLettered);
        Assert.Equal(1, Loads("account.journal"));
    }

    [Theory]
    [OdooVersions]
    public async Task A_rename_and_a_deactivation_leave_the_registers_cash_journal_and_method_as_they_were(int odooVersion)
    {
        await UseOdooAsync(odooVersion);
        var tenant = await App.ConnectedProTenantAsync(Odoo);
        var front = await CreateAsync(tenant, "Front");
        await App.DrainAsync(tenant.Id);
        var method = OwnCashMethod(front);

        (await tenant.Client.PutAsJsonAsync($"{Registers}/{front}/name", new { name = "Counter" })).EnsureSuccessStatusCode();
        (await tenant.Client.PostAsync($"{Registers}/{front}/deactivate", null)).EnsureSuccessStatusCode();
        await App.DrainAsync(tenant.Id);

        Assert.Equal(("Counter", false), (InOdoo(front).Name, InOdoo(front).Active));
        Assert.Equal(method, OwnCashMethod(front));
        Assert.Single(Odoo.Journals, journal => journal.Name == "Cash Front");
        Assert.Contains(method.Id, InOdoo(front).ManyToMany["payment_method_ids"]);
    }
}
