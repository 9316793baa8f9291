using System.Text.RegularExpressions;
using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

/// <summary>The optional prefix of a register's order numbers: 1 to 8 of A–Z and 0–9, upper-cased.</summary>
internal sealed partial record SequencePrefix
{
    private SequencePrefix(string value) => Value = value;

    public string Value { get; }

    /// <summary>Null for no prefix (null, empty or blank input clears it).</summary>
    public static SequencePrefix? Create(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var rule = new SequencePrefixMustBeWellFormedRule(raw);
        if (rule.IsBroken())
        {
            throw new BusinessRuleValidationException(rule);
        }

        return new SequencePrefix(raw.Trim().ToUpperInvariant());
    }

    /// <summary>The reason <paramref name="raw"/> is not a valid prefix, or null when it is (or is blank).</summary>
    public static string? Problem(string? raw) =>
        string.IsNullOrWhiteSpace(raw) || Shape().IsMatch(raw.Trim().ToUpperInvariant())
            ? null
            : "The prefix must be 1 to 8 letters A–Z or digits 0–9.";

    [GeneratedRegex("^[A-Z0-9]{1,8}$")]
    private static partial Regex Shape();
}
