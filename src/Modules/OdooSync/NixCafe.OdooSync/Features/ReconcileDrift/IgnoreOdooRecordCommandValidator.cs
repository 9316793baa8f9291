using FluentValidation;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

internal sealed class IgnoreOdooRecordCommandValidator : AbstractValidator<IgnoreOdooRecordCommand>
{
    public IgnoreOdooRecordCommandValidator()
    {
        RuleFor(command => command.TenantId).NotEmpty();
        RuleFor(command => command.OdooPosConfigId).GreaterThan(0);
    }
}
