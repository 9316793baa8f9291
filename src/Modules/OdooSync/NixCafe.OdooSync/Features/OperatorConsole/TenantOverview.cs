namespace NixCafe.OdooSync.Features.OperatorConsole;

/// <summary>
/// One tenant at a glance. <paramref name="Connection"/> is <c>none</c>, <c>disabled</c>,
/// <c>unhealthy</c> (with <paramref name="ConnectionError"/>) or <c>healthy</c>; never the key.
/// <paramref name="NeedsAttention"/>: dead letters, an unhealthy connection, or due work older than
/// the queue's warning age (<c>DueAgeWarning</c>), drift findings, a drift check that could not finish,
/// or registers awaiting adoption (they wait for the operator's link or release, even when every
/// record they could take is ignored).
/// <paramref name="Paused"/>: an operator paused the tenant's sync (every drain skips it).
/// </summary>
public sealed record TenantOverview(
    Guid Id,
    string Name,
    string Plan,
    string Connection,
    string? ConnectionError,
    string? BaseUrl,
    string? Database,
    string? Login,
    IReadOnlyDictionary<string, int> CountsByState,
    int DueNow,
    double? OldestDueAgeSeconds,
    int DeadLetters,
    bool NeedsAttention,
    bool Paused,
    DateTimeOffset? LastPushedAt,
    DateTimeOffset? LastDriftCheckAt,
    string? LastDriftCheckError,
    int DriftFindings);
