using System.Text.Json;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;
using NpgsqlTypes;

namespace NixCafe.Shared.Auditing;

/// <summary>
/// Writes on the unit of work's connection and transaction, so an entry commits or rolls back
/// with its change; outside a transaction it refuses, because an entry could then outlive a
/// change that failed (or a change go unrecorded).
/// </summary>
internal sealed class PostgresAuditTrail(CafeDbSession session, ICurrentActor actor, ICurrentTenant tenant, TimeProvider clock) : IAuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task RecordAsync(string action, Guid subjectId, object? before, object? after, CancellationToken cancellationToken)
    {
        var transaction = session.Transaction
                          ?? throw new InvalidOperationException("An audit entry is written only inside a command's transaction.");
        var who = actor.Actor;
        await using var command = session.Connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO audit.entries (at, actor_kind, actor_id, tenant_id, action, subject_id, before, after)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
            """;
        command.Parameters.AddWithValue(clock.GetUtcNow());
        command.Parameters.AddWithValue(who.Kind);
        command.Parameters.AddWithValue(who.Id);
        command.Parameters.AddWithValue(tenant.Id);
        command.Parameters.AddWithValue(action);
        command.Parameters.AddWithValue(subjectId);
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, before is null ? DBNull.Value : JsonSerializer.Serialize(before, Json));
        command.Parameters.AddWithValue(NpgsqlDbType.Jsonb, after is null ? DBNull.Value : JsonSerializer.Serialize(after, Json));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
