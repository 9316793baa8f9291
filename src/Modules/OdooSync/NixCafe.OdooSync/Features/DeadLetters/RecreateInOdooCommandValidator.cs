using FluentValidation;

namespace NixCafe.OdooSync.Features.DeadLetters;

internal sealed class RecreateInOdooCommandValidator : AbstractValidator<RecreateInOdooCommand>
{
    public RecreateInOdooCommandValidator() => RuleFor(command => command.RegisterId).NotEmpty();
}
