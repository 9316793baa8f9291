using FluentValidation;
using NixCafe.Tenants.Domain;

namespace NixCafe.Tenants.Features.IssueOperatorKey;

internal sealed class IssueOperatorKeyCommandValidator : AbstractValidator<IssueOperatorKeyCommand>
{
    public IssueOperatorKeyCommandValidator() =>
        RuleFor(command => command.Name)
            .Must(name => name is not null && name.Trim().Length is >= 1 and <= 64 && !name.Any(char.IsControl))
            .WithMessage("The operator's name must be 1 to 64 characters, without control characters.")
            .Must(name => !string.Equals(name?.Trim(), OperatorKey.ConfiguredName, StringComparison.OrdinalIgnoreCase))
            .WithMessage($"'{OperatorKey.ConfiguredName}' names the configured key's operator (NixCafe:OperatorKey): choose another name.");
}
