namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>What one drift check of one tenant did.</summary>
/// <param name="Skipped">Why the check did not run (not Pro, no connection, paused, another check of the tenant running), or null.</param>
/// <param name="Error">Why it ran but could not finish (Odoo down or refusing): nothing recorded nor repaired, retried at the next check.</param>
/// <param name="OdooCalls">How many Odoo calls it made.</param>
/// <param name="Repaired">How many registers the repair policy queued.</param>
public sealed record DriftCheckResult(
    Guid TenantId,
    DateTimeOffset CheckedAt,
    string? Skipped,
    string? Error,
    int OdooCalls,
    string Policy,
    int Repaired,
    IReadOnlyList<DriftFindingView> Findings);
