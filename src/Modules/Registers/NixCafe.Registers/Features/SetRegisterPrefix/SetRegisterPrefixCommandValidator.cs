using FluentValidation;

namespace NixCafe.Registers.Features.SetRegisterPrefix;

internal sealed class SetRegisterPrefixCommandValidator : AbstractValidator<SetRegisterPrefixCommand>
{
    public SetRegisterPrefixCommandValidator() =>
        RuleFor(command => command.Prefix).Custom((prefix, context) => RegisterFieldRules.CheckPrefix(prefix, context));
}
