using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed class InactiveRegisterCannotIssueOrderNumbersRule(bool isActive) : IBusinessRule
{
    public bool IsBroken() => !isActive;

    public string Message => "An inactive register cannot take orders; reactivate it first.";
}
