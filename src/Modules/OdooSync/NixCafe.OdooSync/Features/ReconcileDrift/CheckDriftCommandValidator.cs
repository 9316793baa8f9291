using FluentValidation;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

internal sealed class CheckDriftCommandValidator : AbstractValidator<CheckDriftCommand>
{
    public CheckDriftCommandValidator() => RuleFor(command => command.TenantId).NotEmpty();
}
