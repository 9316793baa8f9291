using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.ManageConnection;

/// <summary>Operator: stop syncing a tenant (the connection is kept, disabled).</summary>
public sealed record DisableOdooConnectionCommand(Guid TenantId) : ICommand<Done>, ITenantScopedRequest;
