namespace NixCafe.Tenants.Domain;

/// <summary>A tenant's API key (<c>ncf_&lt;key id&gt;.&lt;secret&gt;</c>), stored as a salted HMAC only (see <see cref="SaltedKey"/>).</summary>
internal sealed class ApiKey : SaltedKey
{
    private const string Scheme = "ncf_";

    private ApiKey()
    {
    }

    public Guid TenantId { get; private set; }

    public static (ApiKey Key, string PlainText) Issue(Guid tenantId, TimeProvider clock)
    {
        var key = new ApiKey { TenantId = tenantId };
        return (key, key.IssueSecret(Scheme, clock));
    }

    /// <summary>Splits a presented key into its id and secret; false for anything not shaped like a tenant key.</summary>
    public static bool TryParse(string presented, out Guid keyId, out string secret) =>
        KeySecret.TryParse(Scheme, presented, out keyId, out secret);
}
