namespace NixCafe.Tenants.Domain;

/// <summary>
/// A named operator's key (<c>nco_&lt;id&gt;.&lt;secret&gt;</c>), issued and revoked with the host's
/// verbs like a tenant's and stored the same way (<see cref="SaltedKey"/>). The audit trail names
/// the operator, so a revoked key's row stays for the record.
/// </summary>
internal sealed class OperatorKey : SaltedKey
{
    public const string Scheme = "nco_";

    /// <summary>The configured key's operator (<c>NixCafe:OperatorKey</c>): the name the audit trail gave every operator before keys had names.</summary>
    public const string ConfiguredName = "operator";

    private OperatorKey()
    {
    }

    public string Name { get; private set; } = "";

    public static (OperatorKey Key, string PlainText) Issue(string name, TimeProvider clock)
    {
        var key = new OperatorKey { Name = name.Trim() };
        return (key, key.IssueSecret(Scheme, clock));
    }
}
