using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed class RegisterNameMustBeWellFormedRule(string? name) : IBusinessRule
{
    private readonly string? _problem = RegisterName.Problem(name);

    public bool IsBroken() => _problem is not null;

    public string Message => _problem ?? "";

    public string Field => "name";
}
