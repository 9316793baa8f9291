namespace NixCafe.Tenants.Authentication;

/// <summary>The operator's key (<c>NixCafe:OperatorKey</c>); operator endpoints are closed while it is unset.</summary>
public sealed class OperatorOptions
{
    public string? OperatorKey { get; set; }
}
