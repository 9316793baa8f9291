namespace NixCafe.Registers.Domain;

/// <summary>FRONT-001, FRONT-002, …; 001 without a prefix; wider than three digits past 999.</summary>
internal static class OrderNumber
{
    public static string Format(string? prefix, long sequence)
    {
        var digits = sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture);
        return prefix is null ? digits : $"{prefix}-{digits}";
    }
}
