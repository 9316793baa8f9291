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
        using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("INSERT INTO odoo_sync.data_protection_keys (friendly_name, xml) VALUES ($1, $2)");
        command.Parameters.AddWithValue(friendlyName);
        command.Parameters.AddWithValue(element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
