using System.Net;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.Registers;

/// <summary>
/// A register change and its OdooSync queue transition commit in one transaction. The real
/// OdooSync handler of the renamed event is made to fail from outside the code: a trigger,
/// installed on this class's own database, refuses exactly the queue transition that handler
/// makes (a register Odoo knows moving to <c>pending_update</c>) and nothing else — not the
/// rename's own UPDATE, which leaves <c>sync_state</c> alone.
/// <para>
/// The unit of work flushes the rename, then publishes the events, then commits. Were the
/// handler run in a transaction of its own after the rename's (publish after commit, or an
/// outbox-less second save), the rename would be saved although the handler failed, and the
/// name, checksum and audit assertions below would fail.
/// </para>
/// </summary>
public sealed class EventAtomicityTests(CafeAppFixture app) : IClassFixture<CafeAppFixture>, IAsyncLifetime
{
    private const string Refusal = "test trigger: the OdooSync queue refuses pending_update";

    private const string RefuseQueuedUpdates = $"""
        CREATE FUNCTION cafe.test_refuse_queued_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION '{Refusal}';
        END $$;
        CREATE TRIGGER test_refuse_queued_update BEFORE UPDATE ON cafe.pos_configs
            FOR EACH ROW WHEN (OLD.sync_state <> 'pending_update' AND NEW.sync_state = 'pending_update')
            EXECUTE FUNCTION cafe.test_refuse_queued_update();
        """;

    private const string AcceptQueuedUpdates = """
        DROP TRIGGER IF EXISTS test_refuse_queued_update ON cafe.pos_configs;
        DROP FUNCTION IF EXISTS cafe.test_refuse_queued_update();
        """;

    public async Task InitializeAsync()
    {
        await TestPostgres.ExecuteAsync(app.ConnectionString, AcceptQueuedUpdates);
        await app.ResetAsync();
    }

    public Task DisposeAsync() => TestPostgres.ExecuteAsync(app.ConnectionString, AcceptQueuedUpdates);

    [Fact]
    public async Task When_the_real_odoo_sync_handler_of_a_rename_fails_the_register_stays_un_renamed()
    {
        var tenant = await app.CreateTenantAsync("pro");
        var front = await (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" }))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);
        // As a drain would leave it: Odoo has it, so a rename queues an update.
        await TestPostgres.ExecuteAsync(app.ConnectionString,
            $"UPDATE cafe.pos_configs SET odoo_pos_config_id = 11, sync_state = 'synced' WHERE id = '{front.Id}'");
        await TestPostgres.ExecuteAsync(app.ConnectionString, RefuseQueuedUpdates);
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);

        var failed = await tenant.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{front.Id}/name", new { name = "Counter" });

        await failed.AssertProblemAsync(HttpStatusCode.InternalServerError);
        Assert.DoesNotContain("test trigger", await failed.Content.ReadAsStringAsync());
        Assert.Equal(("Front", "synced"), await NameAndSyncStateAsync(front.Id));
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
        Assert.Equal(0L, await RenameAuditEntriesAsync());

        // The same request without the trigger: it was the handler's UPDATE that failed, nothing else.
        await TestPostgres.ExecuteAsync(app.ConnectionString, AcceptQueuedUpdates);
        var renamed = await (await tenant.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{front.Id}/name", new { name = "Counter" }))
            .ReadOkAsync<RegisterResponse>();
        Assert.Equal("Counter", renamed.Name);
        Assert.Equal(("Counter", "pending_update"), await NameAndSyncStateAsync(front.Id));
        Assert.Equal(1L, await RenameAuditEntriesAsync());
    }

    private async Task<(string Name, string SyncState)> NameAndSyncStateAsync(Guid registerId)
    {
        var row = Assert.Single(await TestPostgres.QueryAsync(app.ConnectionString, $"SELECT name, sync_state FROM cafe.pos_configs WHERE id = '{registerId}'"));
        return ((string)row["name"]!, (string)row["sync_state"]!);
    }

    private Task<long> RenameAuditEntriesAsync() =>
        TestPostgres.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM audit.entries WHERE action = 'register.renamed'");
}
