namespace NixCafe.Shared.Domain;

/// <summary>Thrown when a business rule is broken; answered as 409 (or 400 for input-shape rules).</summary>
public sealed class BusinessRuleValidationException(IBusinessRule rule) : Exception(rule.Message)
{
    public IBusinessRule BrokenRule { get; } = rule;

    /// <summary>The rule's name without the "Rule" suffix, e.g. "RegisterNameMustBeUniqueInShop".</summary>
    public string RuleName => BrokenRule.GetType().Name is var name && name.EndsWith("Rule", StringComparison.Ordinal)
        ? name[..^4]
        : BrokenRule.GetType().Name;
}
