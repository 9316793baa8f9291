namespace NixCafe.OdooSync.Domain;

/// <summary>
/// The columns the sync rules read, whoever holds them: the <see cref="RegisterSync"/> aggregate in
/// memory, or the mapped row that set-based statements filter with the same rules.
/// </summary>
internal interface IRegisterSyncRow
{
    string SyncState { get; }

    int? OdooPosConfigId { get; }

    int Retries { get; }

    DateTimeOffset? NextAttemptAt { get; }
}
