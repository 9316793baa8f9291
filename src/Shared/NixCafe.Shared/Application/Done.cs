namespace NixCafe.Shared.Application;

/// <summary>The result of a command that returns nothing.</summary>
public readonly record struct Done
{
    public static readonly Done Value = default;
}
