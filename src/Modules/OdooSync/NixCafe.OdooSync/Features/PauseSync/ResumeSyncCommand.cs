using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.PauseSync;

/// <summary>Operator: ends the tenant's pause; its due registers go out at its next drain (asked for at once).</summary>
public sealed record ResumeSyncCommand(Guid TenantId) : ICommand<SyncPauseStatus>, ITenantScopedRequest;
