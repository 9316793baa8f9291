using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.OperatorConsole;

/// <summary>
/// Records in the tenant's audit trail an action that runs outside any transaction because it
/// calls Odoo (a drain, a connection test), with what it did, once it is done.
/// </summary>
public sealed record RecordOperatorActionCommand(Guid TenantId, string Action, object Outcome) : ICommand<Done>, ITenantScopedRequest;
