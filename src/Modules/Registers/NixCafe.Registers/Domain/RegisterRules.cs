using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed class RegisterNameMustBeWellFormedRule(string? name) : IBusinessRule
{
    private readonly string? _problem = RegisterName.Problem(name);

    public bool IsBroken() => _problem is not null;

    public string Message => _problem ?? "";

    public string Field => "name";
}

internal sealed class SequencePrefixMustBeWellFormedRule(string? prefix) : IBusinessRule
{
    private readonly string? _problem = SequencePrefix.Problem(prefix);

    public bool IsBroken() => _problem is not null;

    public string Message => _problem ?? "";

    public string Field => "prefix";
}

/// <summary>Names are unique among a shop's registers, active or not, ignoring case.</summary>
internal sealed class RegisterNameMustBeUniqueInShopRule(IEnumerable<Register> registersOfShop, RegisterName name, Guid? renamedRegister) : IBusinessRule
{
    public bool IsBroken() => registersOfShop.Any(other => other.Id != renamedRegister && name.SameAs(other.Name));

    public string Message => $"This shop already has a register named '{name.Value}'.";

    public string Field => "name";
}

internal sealed class SequencePrefixMustBeUniqueInShopRule(IEnumerable<Register> registersOfShop, SequencePrefix prefix, Guid? changedRegister) : IBusinessRule
{
    public bool IsBroken() => registersOfShop.Any(other => other.Id != changedRegister && other.SequencePrefix == prefix.Value);

    public string Message => $"Another register of this shop already uses the prefix '{prefix.Value}'.";

    public string Field => "prefix";
}

internal sealed class ShopMustBelongToTenantRule(bool shopBelongsToTenant) : IBusinessRule
{
    public bool IsBroken() => !shopBelongsToTenant;

    public string Message => "The shop was not found.";

    public string Field => "shopId";

    public bool ReportsAsNotFound => true;
}

internal sealed class InactiveRegisterCannotIssueOrderNumbersRule(bool isActive) : IBusinessRule
{
    public bool IsBroken() => !isActive;

    public string Message => "An inactive register cannot take orders; reactivate it first.";
}
