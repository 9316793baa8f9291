namespace NixCafe.UnitTests.Architecture.Samples.Caller;

/// <summary>For <see cref="NamespaceCycleTests"/>: uses the other sample namespace only inside a method body.</summary>
internal sealed class UsesCalleeInItsBody
{
    public static object Make() => new Callee.NamesCallerInItsSignature();
}
