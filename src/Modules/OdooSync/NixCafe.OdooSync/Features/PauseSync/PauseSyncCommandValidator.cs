using FluentValidation;

namespace NixCafe.OdooSync.Features.PauseSync;

internal sealed class PauseSyncCommandValidator : AbstractValidator<PauseSyncCommand>
{
    public PauseSyncCommandValidator()
    {
        RuleFor(command => command.TenantId).NotEmpty();
        RuleFor(command => command.Reason).MaximumLength(500);
    }
}
