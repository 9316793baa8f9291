using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed class SequencePrefixMustBeUniqueInShopRule(IEnumerable<Register> registersOfShop, SequencePrefix prefix, Guid? changedRegister) : IBusinessRule
{
    public bool IsBroken() => registersOfShop.Any(other => other.Id != changedRegister && other.SequencePrefix == prefix.Value);

    public string Message => $"Another register of this shop already uses the prefix '{prefix.Value}'.";

    public string Field => "prefix";
}
