using FluentValidation;
using NixCafe.Tenants.Contracts;

namespace NixCafe.Tenants.Features.AddTenant;

internal sealed class AddTenantCommandValidator : AbstractValidator<AddTenantCommand>
{
    public AddTenantCommandValidator()
    {
        RuleFor(command => command.Name).NotEmpty().Must(name => name.Trim().Length is >= 1 and <= 100)
            .WithMessage("The tenant name must be 1 to 100 characters.");
        RuleFor(command => command.Plan).Must(plan => TenantPlans.All.Contains(plan))
            .WithMessage($"The plan must be one of: {string.Join(", ", TenantPlans.All)}.");
    }
}
