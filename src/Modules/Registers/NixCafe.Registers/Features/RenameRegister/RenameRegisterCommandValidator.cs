using FluentValidation;

namespace NixCafe.Registers.Features.RenameRegister;

internal sealed class RenameRegisterCommandValidator : AbstractValidator<RenameRegisterCommand>
{
    public RenameRegisterCommandValidator() =>
        RuleFor(command => command.Name).Custom((name, context) => RegisterFieldRules.CheckName(name, context));
}
