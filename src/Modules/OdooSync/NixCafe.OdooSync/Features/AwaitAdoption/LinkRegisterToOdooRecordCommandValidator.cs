using FluentValidation;

namespace NixCafe.OdooSync.Features.AwaitAdoption;

internal sealed class LinkRegisterToOdooRecordCommandValidator : AbstractValidator<LinkRegisterToOdooRecordCommand>
{
    public LinkRegisterToOdooRecordCommandValidator()
    {
        RuleFor(command => command.RegisterId).NotEmpty();
        RuleFor(command => command.OdooPosConfigId).NotNull().WithMessage("Name the Odoo record (its pos.config id) to link the register to.")
            .GreaterThan(0).WithMessage("An Odoo record id is a positive number.");
    }
}
