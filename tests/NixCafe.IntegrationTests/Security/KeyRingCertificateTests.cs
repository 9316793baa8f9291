using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.FakeOdoo;
using NixCafe.IntegrationTests.Cluster;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Security;

/// <summary>
/// The key ring encrypted at rest with a certificate: a copy of the database alone no longer
/// decrypts the tenants' Odoo keys, every instance with the certificate still does, and a
/// rotated-out certificate keeps what it encrypted readable.
/// </summary>
public sealed class KeyRingCertificateTests : IAsyncLifetime
{
    private const string OdooKey = "odoo-key-KEYRING-4d2e91";
    private const string PfxPassword = "pfx-password-Zq81xw";
    private const string Section = "NixCafe:DataProtection";

    private readonly string _certificates = Directory.CreateTempSubdirectory("nixcafe-keyring-").FullName;
    private readonly List<KeyRingHost> _hosts = [];
    private string _database = "";
    private FakeOdooServer _odoo = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateMigratedDatabaseAsync();
        _odoo = await FakeOdooServer.StartAsync(apiKey: OdooKey);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _odoo.DisposeAsync();
        Directory.Delete(_certificates, recursive: true);
    }

    /// <summary>A self-signed RSA certificate with its private key (unless told otherwise), exported to a password-protected PFX.</summary>
    private string CreatePfx(string name, bool withPrivateKey = true)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN=NixCafe key ring {name}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        var path = Path.Combine(_certificates, name + ".pfx");
        File.WriteAllBytes(path, (withPrivateKey ? certificate : publicOnly).Export(X509ContentType.Pfx, PfxPassword));
        return path;
    }

    private static string[] Current(string pfx) => [$"--{Section}:CertificatePath={pfx}", $"--{Section}:CertificatePassword={PfxPassword}"];

    private static string[] Previous(int index, string pfx) =>
        [$"--{Section}:PreviousCertificates:{index}:Path={pfx}", $"--{Section}:PreviousCertificates:{index}:Password={PfxPassword}"];

    private async Task<KeyRingHost> StartAsync(params string[] settings)
    {
        var host = new KeyRingHost(_database, settings);
        _hosts.Add(host);
        await host.InitializeAsync();
        return host;
    }

    /// <summary>A Pro tenant connected to the fake Odoo through <paramref name="host"/>, with one register waiting for its create.</summary>
    private async Task<TestTenant> TenantWithPendingRegisterAsync(KeyRingHost host, string name)
    {
        var tenant = await host.ConnectedProTenantAsync(_odoo, OdooKey, name);
        (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = name + " front" })).EnsureSuccessStatusCode();
        return tenant;
    }

    private async Task StopAsync(KeyRingHost host)
    {
        _hosts.Remove(host);
        await host.DisposeAsync();
    }

    private async Task<List<string>> StoredKeysAsync() =>
        (await TestPostgres.QueryAsync(_database, "SELECT xml FROM odoo_sync.data_protection_keys ORDER BY id")).Select(row => (string)row["xml"]!).ToList();

    private Task<string?> StoredOdooKeyAsync(Guid tenantId) =>
        TestPostgres.ScalarAsync<string>(_database, $"SELECT api_key_protected FROM odoo_sync.tenant_connections WHERE tenant_id = '{tenantId}'");

    private bool OdooHas(string registerName) => _odoo.PosConfigs.Any(config => config.Name == registerName);

    [Fact]
    public async Task With_a_certificate_the_stored_ring_holds_no_plaintext_master_key_and_pushes_work()
    {
        var host = await StartAsync(Current(CreatePfx("current")));
        var tenant = await TenantWithPendingRegisterAsync(host, "Encrypted");

        var drained = await host.DrainAsync(tenant.Id);
        var keys = await StoredKeysAsync();

        Assert.Equal(1, drained.Created);
        Assert.True(OdooHas("Encrypted front"));
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("<encryptedSecret", xml);
            Assert.DoesNotContain("<masterKey", xml);
            Assert.DoesNotContain("<value>", xml);
        });
        Assert.DoesNotContain(host.Logs.Lines(), line => line.Contains("No XML encryptor configured", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_instance_with_the_certificate_decrypts_the_stored_key_and_one_without_it_pauses_the_tenant_and_adds_no_key_in_clear()
    {
        var pfx = CreatePfx("current");
        var first = await StartAsync(Current(pfx));
        var tenant = await TenantWithPendingRegisterAsync(first, "Shared ring");
        await StopAsync(first);

        var storedOdooKey = await StoredOdooKeyAsync(tenant.Id);

        var withoutCertificate = await StartAsync();
        var pausedNeedsReentry = await withoutCertificate.ApiKeyNeedsReentryAsync(tenant.Id);
        var paused = await withoutCertificate.DrainAsync(tenant.Id);
        var callsWithoutCertificate = _odoo.Calls.Count;
        var setWithoutCertificate = await withoutCertificate.Operator().PutAsJsonAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection",
            new { baseUrl = _odoo.BaseUrl.ToString(), database = FakeOdooServer.DatabaseName, login = FakeOdooServer.LoginName, apiKey = OdooKey });
        var sessionWithoutCertificate = await withoutCertificate.Anonymous().GetAsync("/api/cafe/session");
        await StopAsync(withoutCertificate);
        var keysAfterHostWithoutCertificate = await StoredKeysAsync();
        var odooKeyAfterHostWithoutCertificate = await StoredOdooKeyAsync(tenant.Id);

        var withCertificate = await StartAsync(Current(pfx));
        var needsReentry = await withCertificate.ApiKeyNeedsReentryAsync(tenant.Id);
        var drained = await withCertificate.DrainAsync(tenant.Id);

        Assert.True(pausedNeedsReentry);
        Assert.Contains("cannot be decrypted", paused.Skipped);
        Assert.Equal(0, callsWithoutCertificate);
        // It made no key of its own, in clear, for every host to use, so it could encrypt nothing.
        Assert.All(keysAfterHostWithoutCertificate, xml => Assert.Contains("<encryptedSecret", xml));
        Assert.Equal(HttpStatusCode.InternalServerError, setWithoutCertificate.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, sessionWithoutCertificate.StatusCode);
        Assert.Equal(storedOdooKey, odooKeyAfterHostWithoutCertificate);
        Assert.False(needsReentry);
        Assert.Equal(1, drained.Created);
        Assert.True(OdooHas("Shared ring front"));
    }

    [Fact]
    public async Task After_a_rotation_keys_written_under_the_previous_certificate_still_decrypt()
    {
        var (old, replacement) = (CreatePfx("old"), CreatePfx("replacement"));
        var before = await StartAsync(Current(old));
        var tenant = await TenantWithPendingRegisterAsync(before, "Before rotation");
        await StopAsync(before);

        var withoutPrevious = await StartAsync(Current(replacement));
        var needsReentryWithoutPrevious = await withoutPrevious.ApiKeyNeedsReentryAsync(tenant.Id);
        await StopAsync(withoutPrevious);
        var rotated = await StartAsync([.. Current(replacement), .. Previous(0, old)]);
        var needsReentry = await rotated.ApiKeyNeedsReentryAsync(tenant.Id);
        var drained = await rotated.DrainAsync(tenant.Id);
        // The ring's next key (Data Protection makes one every 90 days) is encrypted with the replacement.
        var next = rotated.App.Services.GetRequiredService<IKeyManager>().CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));
        var nextXml = (await StoredKeysAsync()).Single(xml => xml.Contains(next.KeyId.ToString(), StringComparison.Ordinal));

        Assert.True(needsReentryWithoutPrevious);
        Assert.False(needsReentry);
        Assert.Equal(1, drained.Created);
        Assert.True(OdooHas("Before rotation front"));
        Assert.Contains("<encryptedSecret", nextXml);
        using var replacementCertificate = X509CertificateLoader.LoadPkcs12FromFile(replacement, PfxPassword);
        Assert.Contains(Convert.ToBase64String(replacementCertificate.RawData), nextXml);
    }

    [Fact]
    public async Task Without_a_certificate_the_host_warns_once_at_start_naming_the_setting()
    {
        var unprotected = await StartAsync();
        await unprotected.ConnectedProTenantAsync(_odoo, OdooKey, "Unprotected");
        var protectedHost = await StartAsync(Current(CreatePfx("current")));
        await protectedHost.ConnectedProTenantAsync(_odoo, OdooKey, "Protected");

        var warning = Assert.Single(unprotected.Logs.Lines(), line => line.Contains($"{Section}:CertificatePath", StringComparison.Ordinal));
        Assert.StartsWith("Warning ", warning);
        Assert.Contains("stored unencrypted", warning);
        Assert.DoesNotContain(protectedHost.Logs.Lines(), line => line.Contains($"{Section}:CertificatePath", StringComparison.Ordinal));
    }

    public enum Misconfiguration
    {
        WrongPassword,
        MissingFile,
        NotAPfx,
        NoPrivateKey,
        PasswordWithoutPath,
    }

    [Theory]
    [InlineData(Misconfiguration.WrongPassword, "NixCafe:DataProtection:CertificatePassword does not open '")]
    [InlineData(Misconfiguration.MissingFile, ".missing', which does not exist")]
    [InlineData(Misconfiguration.NotAPfx, "not a PKCS#12 (PFX) file")]
    [InlineData(Misconfiguration.NoPrivateKey, "whose certificate has no RSA private key")]
    [InlineData(Misconfiguration.PasswordWithoutPath, "need NixCafe:DataProtection:CertificatePath, which is not set")]
    public async Task A_certificate_that_does_not_load_stops_the_host_with_one_line_naming_the_setting(Misconfiguration misconfiguration, string reason)
    {
        const string wrongPassword = "wrong-pfx-password-Hk27";
        var pfx = CreatePfx("current");
        var settings = misconfiguration switch
        {
            Misconfiguration.WrongPassword => new Dictionary<string, string> { [$"{Section}:CertificatePath"] = pfx, [$"{Section}:CertificatePassword"] = wrongPassword },
            Misconfiguration.MissingFile => new() { [$"{Section}:CertificatePath"] = pfx + ".missing", [$"{Section}:CertificatePassword"] = PfxPassword },
            Misconfiguration.NotAPfx => new() { [$"{Section}:CertificatePath"] = Path.Combine(AppContext.BaseDirectory, "appsettings.json"), [$"{Section}:CertificatePassword"] = PfxPassword },
            Misconfiguration.NoPrivateKey => new() { [$"{Section}:CertificatePath"] = CreatePfx("public-only", withPrivateKey: false), [$"{Section}:CertificatePassword"] = PfxPassword },
            _ => new() { [$"{Section}:CertificatePassword"] = PfxPassword },
        };
        settings["NixCafe:OdooSync:SchedulerEnabled"] = "false";

        await using var host = HostProcess.Launch(_database, settings);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(1, exitCode);
        var line = Assert.Single(host.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"nixcafe: error: {Section}:", line);
        Assert.Contains(reason, line);
        Assert.DoesNotContain(PfxPassword, host.Output);
        Assert.DoesNotContain(wrongPassword, host.Output);
    }
}
