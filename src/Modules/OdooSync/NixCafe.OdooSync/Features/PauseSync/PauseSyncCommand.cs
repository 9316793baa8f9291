using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.PauseSync;

/// <summary>Operator: stops every drain of the tenant (the tick's, its changes', drain-now) until resumed. Pausing a paused tenant keeps the first pause.</summary>
/// <param name="Reason">Optional, shown wherever the pause is (at most 500 characters).</param>
public sealed record PauseSyncCommand(Guid TenantId, string? Reason) : ICommand<SyncPauseStatus>, ITenantScopedRequest;
