using NixCafe.OdooSync.Features.PauseSync;
using NixCafe.OdooSync.Features.ReconcileDrift;

namespace NixCafe.OdooSync.Features.DeadLetters;

/// <param name="Pause">Whether an operator paused the tenant's sync (every drain skips it meanwhile).</param>
/// <param name="LastPushedAt">When a drain last recorded a push Odoo took (recorded since the drift reconcile release).</param>
/// <param name="Drift">The tenant's drift policy, last check and current findings.</param>
public sealed record SyncStatus(
    IReadOnlyDictionary<string, int> CountsByState,
    double? OldestPendingAgeSeconds,
    IReadOnlyList<DeadLetter> DeadLetters,
    IReadOnlyList<ActiveClaim> Claims,
    ConnectionStatus? Connection,
    SyncPauseStatus Pause,
    DateTimeOffset? LastPushedAt,
    DriftStatus Drift);
