using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.DeadLetters;

/// <summary>The current tenant's sync status. Never includes the API key.</summary>
public sealed record GetSyncStatusQuery : IQuery<SyncStatus>;
