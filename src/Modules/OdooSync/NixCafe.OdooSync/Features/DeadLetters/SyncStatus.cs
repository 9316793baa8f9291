namespace NixCafe.OdooSync.Features.DeadLetters;

public sealed record SyncStatus(
    IReadOnlyDictionary<string, int> CountsByState,
    double? OldestPendingAgeSeconds,
    IReadOnlyList<DeadLetter> DeadLetters,
    IReadOnlyList<ActiveClaim> Claims,
    ConnectionStatus? Connection);
