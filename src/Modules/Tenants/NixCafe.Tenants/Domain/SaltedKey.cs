namespace NixCafe.Tenants.Domain;

/// <summary>
/// What a tenant's API key and an operator's key share: only a salted HMAC of the secret is
/// stored (<see cref="KeySecret"/>), the full key (<c>&lt;scheme&gt;&lt;id&gt;.&lt;secret&gt;</c>)
/// is shown once when issued, and a revoked key's row stays for the record.
/// </summary>
internal abstract class SaltedKey
{
    public Guid Id { get; private set; }

    public byte[] Salt { get; private set; } = [];

    public byte[] SecretHash { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(TimeProvider clock) => RevokedAt ??= clock.GetUtcNow();

    public bool Matches(string secret) => RevokedAt is null && KeySecret.Matches(Salt, SecretHash, secret);

    /// <summary>Gives a new key its id and a fresh salted secret; answers the full key, to be shown once.</summary>
    protected string IssueSecret(string scheme, TimeProvider clock)
    {
        var (salt, hash, secret) = KeySecret.New();
        Id = Guid.CreateVersion7();
        Salt = salt;
        SecretHash = hash;
        CreatedAt = clock.GetUtcNow();
        return $"{scheme}{Id:N}.{secret}";
    }
}
