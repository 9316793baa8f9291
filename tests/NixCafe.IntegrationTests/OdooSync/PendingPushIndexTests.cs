using NixCafe.IntegrationTests.Support;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.OperationalHealth;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Persistence;
using Npgsql;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>
/// The selectors of due rows and the partial index <c>cafe_pos_configs_pending_push_idx</c>, as
/// the applied migrations made it, must agree: PostgreSQL uses a partial index only when it can
/// prove from the query's text that the query implies the index's predicate. Each selector's
/// statement is explained with sequential scans priced out, so the plan names the index exactly
/// when the index can serve it.
/// </summary>
public sealed class PendingPushIndexTests : IAsyncLifetime
{
    private const string Index = "cafe_pos_configs_pending_push_idx";

    private string _db = "";

    public async Task InitializeAsync() => _db = await TestPostgres.CreateMigratedDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_index_holds_the_rows_the_domain_calls_pending_and_below_the_dead_letter_threshold()
    {
        var predicate = await TestPostgres.ScalarAsync<string>(_db,
            $"SELECT pg_get_expr(indpred, indrelid) FROM pg_index WHERE indexrelid = 'cafe.{Index}'::regclass");

        Assert.NotNull(predicate);
        Assert.Contains($"odoo_sync_retries < {RetrySchedule.DeadLetterAt}", predicate);
        Assert.All(SyncState.Pending, state => Assert.Contains($"'{state}'", predicate));
        Assert.DoesNotContain($"'{SyncState.Synced}'", predicate);
        Assert.DoesNotContain($"'{SyncState.SyncError}'", predicate);
    }

    [Fact]
    public async Task The_claim_uses_the_index() =>
        Assert.Contains(Index, await GenericPlanAsync(PushClaims.ClaimSql,
            ("tenant", "uuid", $"'{Guid.NewGuid()}'"), ("now", "timestamptz", "now()"), ("lookAhead", "int", "111"), ("creates", "int", "10"), ("updates", "int", "100"),
            ("token", "uuid", $"'{Guid.NewGuid()}'"), ("host", "text", "'test'"), ("lease", "interval", "'2 minutes'")));

    [Fact]
    public async Task The_tenants_with_due_work_selector_uses_the_index() =>
        Assert.Contains(Index, await GenericPlanAsync(DueTenants.Sql, ("now", "timestamptz", "now()")));

    [Fact]
    public async Task The_queue_health_check_uses_the_index() =>
        Assert.Contains(Index, await GenericPlanAsync(OdooSyncQueueHealthCheck.Sql, ("now", "timestamptz", "now()")));

    [Fact]
    public async Task The_due_predicate_in_SQL_picks_exactly_the_registers_the_domain_calls_due()
    {
        var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
        var cases = (
            from state in new[] { SyncState.Synced, SyncState.PendingCreate, SyncState.PendingUpdate, SyncState.SyncError }
            from retries in new[] { 0, RetrySchedule.DeadLetterAt - 1, RetrySchedule.DeadLetterAt }
            from wait in new int?[] { null, -60, 0, 60 }
            select RegisterSync.Restore(state, retries: retries, nextAttemptAt: wait is { } seconds ? now.AddSeconds(seconds) : null)).ToList();
        var rows = string.Join(", ", cases.Select((register, index) =>
            $"({index}, '{register.SyncState}', {register.Retries}, {(register.NextAttemptAt is { } at ? $"'{at:O}'::timestamptz" : "NULL::timestamptz")})"));

        await using var connection = new NpgsqlConnection(_db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"""
            SELECT number FROM (VALUES {rows}) AS register(number, sync_state, odoo_sync_retries, odoo_next_attempt_at)
             WHERE {PushClaims.Due("@now")} ORDER BY number
            """, connection);
        command.Parameters.AddWithValue("now", now);
        var dueInSql = new List<int>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                dueInSql.Add(reader.GetInt32(0));
            }
        }

        var dueInTheDomain = cases.Select((register, index) => (register, index)).Where(pair => pair.register.IsDue(now)).Select(pair => pair.index).ToList();
        Assert.NotEmpty(dueInTheDomain);
        Assert.Equal(dueInTheDomain, dueInSql);
    }

    [Fact]
    public async Task A_selector_whose_threshold_the_planner_cannot_prove_does_not_use_the_index()
    {
        // The check's own check: the same selector with the threshold as a parameter.
        var sql = DueTenants.Sql.Replace($"odoo_sync_retries < {RetrySchedule.DeadLetterAt}", "odoo_sync_retries < @threshold", StringComparison.Ordinal);

        Assert.DoesNotContain(Index, await GenericPlanAsync(sql, ("now", "timestamptz", "now()"), ("threshold", "int", $"{RetrySchedule.DeadLetterAt}")));
    }

    /// <summary>
    /// The plan PostgreSQL makes for the statement whatever its parameters' values (a generic
    /// plan, as a prepared statement gets), with sequential scans priced out: a custom plan could
    /// use the values to prove the index's predicate, which would hide a selector that states it
    /// only through a parameter.
    /// </summary>
    private async Task<string> GenericPlanAsync(string sql, params (string Name, string Type, string Value)[] parameters)
    {
        for (var index = 0; index < parameters.Length; index++)
        {
            sql = sql.Replace("@" + parameters[index].Name, "$" + (index + 1), StringComparison.Ordinal);
        }

        await using var connection = new NpgsqlConnection(_db);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var setUp = new NpgsqlCommand($"""
            SET LOCAL enable_seqscan = off;
            SET LOCAL plan_cache_mode = force_generic_plan;
            PREPARE selector({string.Join(", ", parameters.Select(parameter => parameter.Type))}) AS {sql};
            """, connection, transaction))
        {
            await setUp.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand($"EXPLAIN EXECUTE selector({string.Join(", ", parameters.Select(parameter => parameter.Value))})", connection, transaction);
        var lines = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }
        }

        await using (var tearDown = new NpgsqlCommand("DEALLOCATE selector", connection, transaction))
        {
            await tearDown.ExecuteNonQueryAsync();
        }

        await transaction.RollbackAsync();
        return string.Join('\n', lines);
    }
}
