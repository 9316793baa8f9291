using FluentValidation;

namespace NixCafe.OdooSync.Features.AwaitAdoption;

internal sealed class ReleaseRegisterForCreateCommandValidator : AbstractValidator<ReleaseRegisterForCreateCommand>
{
    public ReleaseRegisterForCreateCommandValidator() => RuleFor(command => command.RegisterId).NotEmpty();
}
