using FluentValidation;
using MediatR;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Domain;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.ChangeTenantPlan;

/// <summary>Operator verb: move a tenant to another plan (Starter → Pro starts its Odoo sync).</summary>
public sealed record ChangeTenantPlanCommand(Guid TenantId, string Plan) : ICommand<Done>, ITenantScopedRequest;
