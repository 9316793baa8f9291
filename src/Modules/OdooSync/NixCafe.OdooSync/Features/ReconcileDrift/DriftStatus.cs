namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>A tenant's drift reconcile as the status endpoints show it.</summary>
/// <param name="Policy"><c>report</c> or <c>repair</c>.</param>
/// <param name="LastCheckAt">When the last check ran (finished or failed), or null.</param>
/// <param name="LastCheckError">Why the last check could not finish, or null.</param>
/// <param name="Findings">The current findings (the last finished check's, minus records ignored since).</param>
public sealed record DriftStatus(string Policy, DateTimeOffset? LastCheckAt, string? LastCheckError, IReadOnlyList<DriftFindingView> Findings);
