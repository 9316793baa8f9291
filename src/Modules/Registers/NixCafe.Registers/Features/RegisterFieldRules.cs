using FluentValidation;
using NixCafe.Registers.Domain;

namespace NixCafe.Registers.Features;

/// <summary>The validators' view of the value objects' own rules, so each rule is written once.</summary>
internal static class RegisterFieldRules
{
    public static void CheckName<T>(string? name, ValidationContext<T> context)
    {
        if (RegisterName.Problem(name) is { } problem)
        {
            context.AddFailure("name", problem);
        }
    }

    public static void CheckPrefix<T>(string? prefix, ValidationContext<T> context)
    {
        if (SequencePrefix.Problem(prefix) is { } problem)
        {
            context.AddFailure("prefix", problem);
        }
    }
}
