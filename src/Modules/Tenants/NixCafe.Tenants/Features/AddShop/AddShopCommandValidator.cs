using FluentValidation;

namespace NixCafe.Tenants.Features.AddShop;

internal sealed class AddShopCommandValidator : AbstractValidator<AddShopCommand>
{
    public AddShopCommandValidator()
    {
        RuleFor(command => command.Name).NotEmpty().Must(name => name.Trim().Length is >= 1 and <= 100)
            .WithMessage("The shop name must be 1 to 100 characters.");
    }
}
