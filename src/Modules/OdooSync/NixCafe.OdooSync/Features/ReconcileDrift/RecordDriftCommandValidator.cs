using FluentValidation;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

internal sealed class RecordDriftCommandValidator : AbstractValidator<RecordDriftCommand>
{
    public RecordDriftCommandValidator()
    {
        RuleFor(command => command.TenantId).NotEmpty();
        RuleFor(command => command.OdooCalls).GreaterThanOrEqualTo(0);
    }
}
