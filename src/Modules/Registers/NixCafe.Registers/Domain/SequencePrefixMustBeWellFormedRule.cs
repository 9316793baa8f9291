using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed class SequencePrefixMustBeWellFormedRule(string? prefix) : IBusinessRule
{
    private readonly string? _problem = SequencePrefix.Problem(prefix);

    public bool IsBroken() => _problem is not null;

    public string Message => _problem ?? "";

    public string Field => "prefix";
}
