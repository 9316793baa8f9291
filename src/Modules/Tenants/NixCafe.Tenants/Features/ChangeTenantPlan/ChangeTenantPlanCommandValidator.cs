using Microsoft.EntityFrameworkCore;
using FluentValidation;
using NixCafe.Tenants.Contracts;

namespace NixCafe.Tenants.Features.ChangeTenantPlan;

internal sealed class ChangeTenantPlanCommandValidator : AbstractValidator<ChangeTenantPlanCommand>
{
    public ChangeTenantPlanCommandValidator()
    {
        RuleFor(command => command.Plan).Must(plan => TenantPlans.All.Contains(plan))
            .WithMessage($"The plan must be one of: {string.Join(", ", TenantPlans.All)}.");
    }
}
