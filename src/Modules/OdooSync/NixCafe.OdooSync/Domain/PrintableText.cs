using System.Buffers;
using System.Globalization;
using System.Text;

namespace NixCafe.OdooSync.Domain;

/// <summary>
/// Text an operator types that is stored and shown (an Odoo database, login, key; a pause's
/// reason): PostgreSQL text holds neither NUL nor half a surrogate pair, and none of it holds a
/// control or invisible character.
/// </summary>
internal static class PrintableText
{
    public static bool IsPrintable(string? value)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done
                || Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned)
            {
                return false;
            }

            rest = rest[consumed..];
        }

        return true;
    }
}
