using FluentValidation;
using NixCafe.OdooSync.Domain;

namespace NixCafe.OdooSync.Features.PauseSync;

internal sealed class PauseSyncCommandValidator : AbstractValidator<PauseSyncCommand>
{
    public PauseSyncCommandValidator()
    {
        RuleFor(command => command.TenantId).NotEmpty();
        RuleFor(command => command.Reason).MaximumLength(500)
            .Must(PrintableText.IsPrintable).WithMessage("The reason must not hold control or invisible characters.");
    }
}
