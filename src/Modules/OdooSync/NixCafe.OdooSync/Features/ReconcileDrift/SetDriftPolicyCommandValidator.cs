using FluentValidation;
using NixCafe.OdooSync.Domain;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

internal sealed class SetDriftPolicyCommandValidator : AbstractValidator<SetDriftPolicyCommand>
{
    public SetDriftPolicyCommandValidator()
    {
        RuleFor(command => command.TenantId).NotEmpty();
        RuleFor(command => command.Policy).NotEmpty().Must(policy => DriftPolicy.All.Contains(policy!))
            .WithMessage($"must be one of: {string.Join(", ", DriftPolicy.All)}");
    }
}
