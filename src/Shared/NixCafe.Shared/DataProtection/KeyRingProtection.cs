using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NixCafe.Shared.DataProtection;

/// <summary>
/// Encrypts the Data Protection key ring at rest with the certificate named by
/// <c>NixCafe:DataProtection</c>, so a copy of the database no longer holds both the secrets
/// protected with it (the Odoo API keys among them) and the keys that decrypt them. Previous
/// certificates keep the keys they encrypted readable after a rotation; keys stored before any
/// certificate need none.
/// </summary>
internal static class KeyRingProtection
{
    public const string Section = "NixCafe:DataProtection";

    /// <summary>
    /// The certificates are loaded here, while the host is built, because Data Protection takes its
    /// decryption certificates only at registration. A setting that does not load stops the build:
    /// a host that went on would write new keys unencrypted.
    /// </summary>
    public static IDataProtectionBuilder ProtectKeyRingWithConfiguredCertificates(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var current = section.GetSection("CertificatePath");
        var previous = section.GetSection("PreviousCertificates").GetChildren().ToList();
        if (string.IsNullOrWhiteSpace(current.Value))
        {
            // Any of these set without the certificate is most likely a misspelt path setting.
            if (section.GetSection("CertificatePassword").Value is not null || previous.Count > 0)
            {
                throw Invalid([$"{Section}:CertificatePassword and {Section}:PreviousCertificates need {current.Path}, which is not set"]);
            }

            builder.Services.AddHostedService<UnprotectedKeyRingWarning>();
            return builder;
        }

        var failures = new List<string>();
        var certificate = Load(current, section.GetSection("CertificatePassword"), failures);
        var previousCertificates = previous.Select(entry => Load(entry.GetSection("Path"), entry.GetSection("Password"), failures)).ToList();
        if (failures.Count > 0)
        {
            throw Invalid(failures);
        }

        builder.ProtectKeysWithCertificate(certificate!);
        if (previousCertificates.Count > 0)
        {
            builder.UnprotectKeysWithAnyCertificate([.. previousCertificates!]);
        }

        return builder;
    }

    /// <summary>The certificate with its RSA private key, or null after adding a failure that names the setting (never the password).</summary>
    private static X509Certificate2? Load(IConfigurationSection pathSetting, IConfigurationSection passwordSetting, List<string> failures)
    {
        var path = pathSetting.Value;
        if (string.IsNullOrWhiteSpace(path))
        {
            failures.Add($"{pathSetting.Path} is not set");
            return null;
        }

        // Read here rather than by LoadPkcs12FromFile, whose missing or unreadable file is, on
        // Linux, the same CryptographicException as a wrong password.
        byte[] pfx;
        try
        {
            pfx = File.ReadAllBytes(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            failures.Add($"{pathSetting.Path} names '{path}', which does not exist");
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            failures.Add($"{pathSetting.Path} names '{path}', which this host may not read");
            return null;
        }
        catch (IOException exception)
        {
            failures.Add($"{pathSetting.Path} names '{path}', which cannot be read: {exception.Message}");
            return null;
        }

        X509Certificate2 certificate;
        try
        {
            // On Linux the private key stays in this process's memory with DefaultKeySet as with
            // EphemeralKeySet (the key ring tests pass with both here); DefaultKeySet also loads on
            // macOS, which refuses EphemeralKeySet.
            certificate = X509CertificateLoader.LoadPkcs12(pfx, passwordSetting.Value, X509KeyStorageFlags.DefaultKeySet);
        }
        catch (CryptographicException)
        {
            failures.Add($"{passwordSetting.Path} does not open '{path}' (named by {pathSetting.Path}): a wrong password, or not a PKCS#12 (PFX) file");
            return null;
        }

        using var privateKey = certificate.GetRSAPrivateKey();
        if (privateKey is null)
        {
            failures.Add($"{pathSetting.Path} names '{path}', whose certificate has no RSA private key (Data Protection encrypts the key ring with RSA)");
            certificate.Dispose();
            return null;
        }

        return certificate;
    }

    private static OptionsValidationException Invalid(IEnumerable<string> failures) =>
        new(Options.DefaultName, typeof(KeyManagementOptions), failures);
}
