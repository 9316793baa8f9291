using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace NixCafe.OdooSync.Persistence;

/// <summary>Encrypts tenants' Odoo API keys at rest; the plain key exists only in memory, during a call.</summary>
internal sealed class OdooKeyProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("NixCafe.OdooSync.TenantApiKey.v1");

    public string Protect(string apiKey) => _protector.Protect(apiKey);

    /// <summary>The key, or null when it cannot be decrypted: its key is gone from the ring, or the stored value is damaged.</summary>
    public string? TryUnprotect(string protectedKey)
    {
        try
        {
            return _protector.Unprotect(protectedKey);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
