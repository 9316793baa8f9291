using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace NixCafe.Shared.DataProtection;

/// <summary>
/// Says once per start that the key ring is stored in clear and what fixes it; the framework's own
/// warning comes only when a key is made, once in 90 days, and names no setting.
/// </summary>
internal sealed class UnprotectedKeyRingWarning(ILogger<UnprotectedKeyRingWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("No certificate protects the Data Protection key ring: the keys this host adds to odoo_sync.data_protection_keys are stored unencrypted, "
            + "beside the Odoo API keys they decrypt, so a copy of the database is enough to read those. "
            + "Set {CertificatePathSetting} (and {CertificatePasswordSetting}) to a PFX certificate to encrypt them",
            $"{KeyRingProtection.Section}:CertificatePath", $"{KeyRingProtection.Section}:CertificatePassword");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
