namespace NixCafe.UnitTests.Architecture.Samples.Callee;

/// <summary>For <see cref="NamespaceCycleTests"/>: names the other sample namespace in a signature.</summary>
internal sealed class NamesCallerInItsSignature
{
    public Type Of(Caller.UsesCalleeInItsBody? caller) => typeof(Caller.UsesCalleeInItsBody);
}
