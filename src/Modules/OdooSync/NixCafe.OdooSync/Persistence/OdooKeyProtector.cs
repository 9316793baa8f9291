using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

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

/// <summary>
/// The Data Protection key ring in PostgreSQL, so every host of a cluster shares it. Data
/// Protection rotates keys itself (90 days by default) and keeps old ones to decrypt old data.
/// </summary>
internal sealed class PostgresXmlRepository(IServiceProvider services) : IXmlRepository
{
    private static readonly XNamespace DataProtection = "http://schemas.asp.net/2015/03/dataProtection";

    /// <summary>Data Protection's mark on a secret it stores in clear because no certificate (or other encryptor) is configured.</summary>
    private static readonly XName RequiresEncryption = DataProtection + "requiresEncryption";

    /// <summary>What replaces the secret when it is encrypted.</summary>
    private static readonly XName EncryptedSecret = DataProtection + "encryptedSecret";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("SELECT xml FROM odoo_sync.data_protection_keys ORDER BY id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        // A host whose certificate settings are missing cannot read a ring encrypted with a
        // certificate, so Data Protection makes it a new key, in clear. Stored, that key would be
        // the newest, and every host would encrypt new secrets with it for its 90 days.
        if (element.Descendants().Any(node => (bool?)node.Attribute(RequiresEncryption) == true)
            && GetAllElements().Any(stored => stored.Descendants(EncryptedSecret).Any()))
        {
            throw new InvalidOperationException(
                $"The key ring is encrypted with a certificate and this host has none ({KeyRingProtection.Section}:CertificatePath): it adds no unencrypted key to the ring");
        }

        using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("INSERT INTO odoo_sync.data_protection_keys (friendly_name, xml) VALUES ($1, $2)");
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
