using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.OdooSync.Persistence;

/// <summary>Reads the current tenant's Odoo connection and decrypts its key only for the call that needs it.</summary>
internal sealed class TenantConnections(OdooSyncDbContext db, OdooKeyProtector protector, TimeProvider clock)
{
    /// <summary>Why a connection whose stored key cannot be decrypted is paused; drains try the key again while it says so.</summary>
    public const string UnreadableKeyReason =
        "the stored API key cannot be decrypted (its Data Protection key is gone from the key ring or encrypted with a certificate the host lacks, or the stored value is damaged): "
        + "enter the key again, or give the host the key ring's certificate";

    public Task<TenantOdooConnection?> FindAsync(CancellationToken cancellationToken) =>
        db.Connections.AsNoTracking().SingleOrDefaultAsync(cancellationToken);

    /// <summary>The settings with the key decrypted, or null when the stored key cannot be decrypted.</summary>
    public OdooConnectionSettings? TrySettings(TenantOdooConnection connection) =>
        protector.TryUnprotect(connection.ApiKeyProtected) is { } apiKey
            ? new OdooConnectionSettings(new Uri(connection.BaseUrl), connection.Database, connection.Login, apiKey, connection.Transport)
            : null;

    public Task SetHealthAsync(bool healthy, string? lastError, CancellationToken cancellationToken) =>
        db.Connections
            .ExecuteUpdateAsync(set => set
                .SetProperty(connection => connection.Healthy, healthy)
                .SetProperty(connection => connection.LastError, lastError)
                .SetProperty(connection => connection.UpdatedAt, clock.GetUtcNow()), cancellationToken);
}
