namespace NixCafe.OdooSync.Domain;

/// <summary>
/// An operator's pause of a tenant's sync: every drain skips the tenant (the tick's, a change's
/// immediate one, the operator's drain-now) until the operator resumes it. Distinct from the
/// connection turning unhealthy, which a drain does by itself and a passing test undoes.
/// </summary>
internal sealed record SyncPause(DateTimeOffset? PausedAt, string? PausedBy, string? Reason)
{
    public static readonly SyncPause Running = new(null, null, null);

    public bool IsPaused => PausedAt is not null;

    /// <summary>What a skipped drain says; null while the sync runs.</summary>
    public string? SkipReason => IsPaused
        ? $"the tenant's sync is paused by {PausedBy} since {PausedAt:yyyy-MM-dd HH:mm} UTC{(Reason is null ? "" : $" ({Reason})")}; resume it to push again"
        : null;

    /// <summary>Pausing a paused sync keeps the first pause (who and since when): answers whether anything changed.</summary>
    public (SyncPause After, bool Changed) Pause(string by, string? reason, DateTimeOffset now) =>
        IsPaused ? (this, false) : (new SyncPause(now, by, reason), true);

    /// <summary>Resuming a running sync changes nothing.</summary>
    public (SyncPause After, bool Changed) Resume() => IsPaused ? (Running, true) : (this, false);
}
