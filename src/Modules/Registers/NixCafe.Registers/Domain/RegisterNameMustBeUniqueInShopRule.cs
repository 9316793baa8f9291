using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

/// <summary>Names are unique among a shop's registers, active or not, ignoring case.</summary>
internal sealed class RegisterNameMustBeUniqueInShopRule(IEnumerable<Register> registersOfShop, RegisterName name, Guid? renamedRegister) : IBusinessRule
{
    public bool IsBroken() => registersOfShop.Any(other => other.Id != renamedRegister && name.SameAs(other.Name));

    public string Message => $"This shop already has a register named '{name.Value}'.";

    public string Field => "name";
}
