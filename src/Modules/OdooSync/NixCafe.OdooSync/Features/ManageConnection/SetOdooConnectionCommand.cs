using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.ManageConnection;

/// <summary>
/// Operator: set or replace a tenant's Odoo connection. The key is encrypted before it is stored.
/// Pointing it at another Odoo server or database must be confirmed (<paramref name="ReplaceOdoo"/>):
/// the registers are then created there anew.
/// </summary>
public sealed record SetOdooConnectionCommand(Guid TenantId, string? BaseUrl, string? Database, string? Login, string? ApiKey, string? Transport = null, bool? ReplaceOdoo = null)
    : ICommand<Done>, ITenantScopedRequest;
