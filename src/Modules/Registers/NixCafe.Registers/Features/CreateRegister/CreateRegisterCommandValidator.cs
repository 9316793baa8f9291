using FluentValidation;

namespace NixCafe.Registers.Features.CreateRegister;

internal sealed class CreateRegisterCommandValidator : AbstractValidator<CreateRegisterCommand>
{
    public CreateRegisterCommandValidator()
    {
        RuleFor(command => command.ShopId).NotEmpty().WithMessage("The shop is required.");
        RuleFor(command => command.Name).Custom((name, context) => RegisterFieldRules.CheckName(name, context));
        RuleFor(command => command.Prefix).Custom((prefix, context) => RegisterFieldRules.CheckPrefix(prefix, context));
    }
}
