using FluentValidation;

namespace NixCafe.OdooSync.Features.PauseSync;

internal sealed class ResumeSyncCommandValidator : AbstractValidator<ResumeSyncCommand>
{
    public ResumeSyncCommandValidator() => RuleFor(command => command.TenantId).NotEmpty();
}
