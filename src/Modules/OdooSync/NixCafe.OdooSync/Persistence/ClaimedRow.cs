using NixCafe.OdooSync.Domain;

namespace NixCafe.OdooSync.Persistence;

/// <summary>A due row as a drain leased it: what it pushes, and the state its outcome is conditional on.</summary>
internal class ClaimedRow
{
    public Guid Id { get; init; }

    public string State { get; init; } = "";

    public int Retries { get; init; }

    public int? OdooId { get; init; }

    public string Name { get; init; } = "";

    public bool IsActive { get; init; }

    /// <summary>When the row's latest change was queued: every edit of a synced or failed row sets it anew.</summary>
    public DateTimeOffset? QueuedAt { get; init; }

    /// <summary>The register's sync as the drain read it, for the domain to say what an outcome makes of it.</summary>
    public RegisterSync Sync() => RegisterSync.Restore(State, OdooId, Retries, queuedAt: QueuedAt);
}
