using System.Text;
using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

/// <summary>
/// A register's name: trimmed and in Unicode NFC, so that two names that look the same are the
/// same; 1 to 64 characters; no control, format (invisible) or unassigned characters.
/// </summary>
internal sealed record RegisterName
{
    public const int MaxLength = 64;

    private RegisterName(string value) => Value = value;

    public string Value { get; }

    public static RegisterName Create(string? raw)
    {
        var rule = new RegisterNameMustBeWellFormedRule(raw);
        if (rule.IsBroken())
        {
            throw new BusinessRuleValidationException(rule);
        }

        return new RegisterName(Normalise(raw!));
    }

    /// <summary>The reason <paramref name="raw"/> is not a valid name, or null when it is.</summary>
    public static string? Problem(string? raw)
    {
        if (raw is null)
        {
            return "The register name is required.";
        }

        if (!IsWellFormedUtf16(raw))
        {
            return "The register name is not valid text.";
        }

        var name = Normalise(raw);
        var length = name.EnumerateRunes().Count();
        if (length is 0)
        {
            return "The register name must not be empty.";
        }

        if (length > MaxLength)
        {
            return $"The register name must be at most {MaxLength} characters.";
        }

        return name.EnumerateRunes().Any(IsForbidden)
            ? "The register name must not contain control or invisible characters."
            : null;
    }

    public bool SameAs(string other) => string.Equals(Value, other, StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string raw) => raw.Trim().Normalize(NormalizationForm.FormC);

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsForbidden(Rune rune) => Rune.GetUnicodeCategory(rune) is
        System.Globalization.UnicodeCategory.Control or
        System.Globalization.UnicodeCategory.Format or
        System.Globalization.UnicodeCategory.LineSeparator or
        System.Globalization.UnicodeCategory.ParagraphSeparator or
        System.Globalization.UnicodeCategory.PrivateUse or
        System.Globalization.UnicodeCategory.Surrogate or
        System.Globalization.UnicodeCategory.OtherNotAssigned;
}
