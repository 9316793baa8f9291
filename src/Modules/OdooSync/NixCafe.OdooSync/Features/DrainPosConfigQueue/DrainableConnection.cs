using Microsoft.Extensions.Logging;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// Whether a tenant's registers may be pushed now, and the client to push them with: a Pro
/// tenant with an enabled, healthy connection whose key decrypts, and whose sync no operator
/// paused. Every drain opens its tenant here, so a paused tenant is skipped by all of them. A tenant failure met during a
/// drain pauses the connection until it is set again or passes a test.
/// </summary>
internal sealed class DrainableConnection(ITenantDirectory tenants, TenantConnections connections, IOdooClientFactory clients, ILogger<DrainableConnection> logger)
{
    /// <summary>
    /// The client and settings, or why nothing is pushed; and whether the connection's adoption
    /// check is done (<see cref="AdoptionCheck"/>), read with it, so a drain need not ask again.
    /// </summary>
    public async Task<(IOdooClient? Odoo, OdooConnectionSettings? Settings, string? Skipped, bool AdoptionChecked)> OpenAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        if (await tenants.GetPlanAsync(tenantId, cancellationToken) != TenantPlans.Pro)
        {
            return (null, null, "not a Pro tenant", false);
        }

        var connection = await connections.FindAsync(cancellationToken);
        if (connection is null || !connection.Enabled)
        {
            return (null, null, "no enabled Odoo connection", false);
        }

        if (connection.Pause.SkipReason is { } paused)
        {
            return (null, null, paused, false);
        }

        // A key that could not be decrypted is tried again: the host that failed may have lacked
        // the key ring's certificate, which this one has. Other failures wait for a human.
        var pausedForUnreadableKey = !connection.Healthy && connection.LastError == TenantConnections.UnreadableKeyReason;
        if (!connection.Healthy && !pausedForUnreadableKey)
        {
            return (null, null, $"the Odoo connection is unhealthy ({connection.LastError}); fix it and test it again", false);
        }

        if (connections.TrySettings(connection) is not { } settings)
        {
            // Not the registers' fault: nothing is claimed and no retry spent. Logged once, when
            // the connection turns unhealthy, however many drains skip it afterwards.
            if (!pausedForUnreadableKey)
            {
                await connections.SetHealthAsync(healthy: false, TenantConnections.UnreadableKeyReason, cancellationToken);
                logger.LogWarning("The stored Odoo API key of tenant {TenantId} cannot be decrypted; its pushes wait until a host decrypts it or the key is entered again", tenantId);
            }

            return (null, null, $"the Odoo connection is unhealthy ({TenantConnections.UnreadableKeyReason})", false);
        }

        if (pausedForUnreadableKey)
        {
            await connections.SetHealthAsync(healthy: true, lastError: null, cancellationToken);
            logger.LogInformation("The stored Odoo API key of tenant {TenantId} decrypts again; its pushes resume", tenantId);
        }

        return (clients.Create(settings), settings, null, connection.AdoptionCheckedAt is not null);
    }

    /// <summary>A human must act on the Odoo side: stop pushing for this tenant until then.</summary>
    public async Task PauseAsync(Guid tenantId, string reason, CancellationToken cancellationToken)
    {
        await connections.SetHealthAsync(healthy: false, reason, cancellationToken);
        logger.LogWarning("Odoo of tenant {TenantId} refused the drain: {Reason}", tenantId, reason);
    }
}
