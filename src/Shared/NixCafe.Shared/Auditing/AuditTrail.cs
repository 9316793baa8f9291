using System.Text.Json;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;
using NpgsqlTypes;

namespace NixCafe.Shared.Auditing;

/// <summary>Who made a change: a tenant key (<c>tenant_key</c>, its id), the <c>operator</c>, or the <c>system</c> (host verbs, jobs).</summary>
public sealed record AuditActor(string Kind, string Id);

/// <summary>The caller of the current request, as the audit trail records it.</summary>
public interface ICurrentActor
{
    AuditActor Actor { get; }
}

/// <summary>Records a change of the current tenant's data in <c>audit.entries</c>, in the transaction of the change itself.</summary>
public interface IAuditTrail
{
    /// <param name="before">What the change replaced (null for a creation); never a secret.</param>
    /// <param name="after">What the change left; never a secret.</param>
    Task RecordAsync(string action, Guid subjectId, object? before, object? after, CancellationToken cancellationToken);
}

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
