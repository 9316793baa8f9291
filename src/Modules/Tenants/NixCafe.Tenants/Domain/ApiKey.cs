namespace NixCafe.Tenants.Domain;

/// <summary>
/// A tenant's API key. Only a salted HMAC of the secret is stored; the full key
/// (<c>ncf_&lt;key id&gt;.&lt;secret&gt;</c>) is shown once, when issued (see <see cref="KeySecret"/>).
/// </summary>
internal sealed class ApiKey
{
    private const string Scheme = "ncf_";

    private ApiKey()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public byte[] Salt { get; private set; } = [];

    public byte[] SecretHash { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static (ApiKey Key, string PlainText) Issue(Guid tenantId, TimeProvider clock)
    {
        var (salt, hash, secret) = KeySecret.New();
        var key = new ApiKey
        {
            Id = Guid.CreateVersion7(),
            TenantId = tenantId,
            Salt = salt,
            SecretHash = hash,
            CreatedAt = clock.GetUtcNow(),
        };
        return (key, $"{Scheme}{key.Id:N}.{secret}");
    }

    public void Revoke(TimeProvider clock) => RevokedAt ??= clock.GetUtcNow();

    public bool Matches(string secret) => RevokedAt is null && KeySecret.Matches(Salt, SecretHash, secret);

    /// <summary>Splits a presented key into its id and secret; false for anything not shaped like a tenant key.</summary>
    public static bool TryParse(string presented, out Guid keyId, out string secret) =>
        KeySecret.TryParse(Scheme, presented, out keyId, out secret);
}
