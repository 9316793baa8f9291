using FluentValidation;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

internal sealed class HoldForAdoptionCommandValidator : AbstractValidator<HoldForAdoptionCommand>
{
    public HoldForAdoptionCommandValidator()
    {
        RuleFor(command => command.TenantId).NotEmpty();
        RuleFor(command => command.Unowned).NotNull();
    }
}
