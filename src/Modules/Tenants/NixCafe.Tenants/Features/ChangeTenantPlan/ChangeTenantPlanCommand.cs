using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Features.ChangeTenantPlan;

/// <summary>Operator verb: move a tenant to another plan (Starter → Pro starts its Odoo sync).</summary>
public sealed record ChangeTenantPlanCommand(Guid TenantId, string Plan) : ICommand<Done>, ITenantScopedRequest;
