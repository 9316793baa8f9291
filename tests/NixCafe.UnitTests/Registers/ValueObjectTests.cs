using NixCafe.Registers.Domain;
using NixCafe.Shared.Domain;

namespace NixCafe.UnitTests.Registers;

public sealed class ValueObjectTests
{
    [Theory]
    [InlineData("  Front  ", "Front")]
    [InlineData("Cafe\u0301", "Caf\u00E9")]
    [InlineData("Drive-thru 2", "Drive-thru 2")]
    [InlineData("☕ Espresso bar", "☕ Espresso bar")]
    public void A_name_is_trimmed_and_in_nfc(string raw, string expected) =>
        Assert.Equal(expected, RegisterName.Create(raw).Value);

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("", "must not be empty")]
    [InlineData(" \t ", "must not be empty")]
    [InlineData("Line\nbreak", "control or invisible")]
    [InlineData("Nul\0", "control or invisible")]
    [InlineData("Right\u202Eto left", "control or invisible")]
    [InlineData("Soft\u00ADhyphen", "control or invisible")]
    public void A_bad_name_is_refused_with_its_reason(string? raw, string reason)
    {
        var broken = Assert.Throws<BusinessRuleValidationException>(() => RegisterName.Create(raw));

        Assert.Contains(reason, broken.Message);
        Assert.Equal("name", broken.BrokenRule.Field);
    }

    [Fact]
    public void A_name_with_a_lone_surrogate_is_refused_as_invalid_text()
    {
        // Built here: xUnit's argument serialisation would replace the lone surrogate with U+FFFD.
        var raw = "Lone " + '\uD800' + " surrogate";

        Assert.Contains("not valid text", Assert.Throws<BusinessRuleValidationException>(() => RegisterName.Create(raw)).Message);
    }

    [Fact]
    public void A_name_may_have_64_characters_counted_as_characters_not_utf16_units()
    {
        Assert.Equal(64, RegisterName.Create(new string('a', 64)).Value.Length);
        Assert.Equal(128, RegisterName.Create(string.Concat(Enumerable.Repeat("😀", 64))).Value.Length);
        Assert.Throws<BusinessRuleValidationException>(() => RegisterName.Create(new string('a', 65)));
    }

    [Theory]
    [InlineData("front", "FRONT")]
    [InlineData(" d2 ", "D2")]
    [InlineData("ABCDEFGH", "ABCDEFGH")]
    public void A_prefix_is_upper_cased(string raw, string expected) => Assert.Equal(expected, SequencePrefix.Create(raw)!.Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_prefix_means_none(string? raw) => Assert.Null(SequencePrefix.Create(raw));

    [Theory]
    [InlineData("ABCDEFGHI")]
    [InlineData("A B")]
    [InlineData("A_B")]
    [InlineData("Ü")]
    public void A_bad_prefix_is_refused(string raw) =>
        Assert.Equal("prefix", Assert.Throws<BusinessRuleValidationException>(() => SequencePrefix.Create(raw)).BrokenRule.Field);
}
