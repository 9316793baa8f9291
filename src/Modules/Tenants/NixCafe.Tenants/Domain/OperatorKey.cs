namespace NixCafe.Tenants.Domain;

/// <summary>
/// A named operator's key (<c>nco_&lt;id&gt;.&lt;secret&gt;</c>), issued and revoked with the host's
/// verbs like a tenant's and stored the same way (<see cref="KeySecret"/>). The audit trail names
/// the operator, so a revoked key's row stays for the record.
/// </summary>
internal sealed class OperatorKey
{
    public const string Scheme = "nco_";

    /// <summary>The configured key's operator (<c>NixCafe:OperatorKey</c>): the name the audit trail gave every operator before keys had names.</summary>
    public const string ConfiguredName = "operator";

    private OperatorKey()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public byte[] Salt { get; private set; } = [];

    public byte[] SecretHash { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public static (OperatorKey Key, string PlainText) Issue(string name, TimeProvider clock)
    {
        var (salt, hash, secret) = KeySecret.New();
        var key = new OperatorKey
        {
            Id = Guid.CreateVersion7(),
            Name = name.Trim(),
            Salt = salt,
            SecretHash = hash,
            CreatedAt = clock.GetUtcNow(),
        };
        return (key, $"{Scheme}{key.Id:N}.{secret}");
    }

    public void Revoke(TimeProvider clock) => RevokedAt ??= clock.GetUtcNow();

    public bool Matches(string secret) => RevokedAt is null && KeySecret.Matches(Salt, SecretHash, secret);
}
