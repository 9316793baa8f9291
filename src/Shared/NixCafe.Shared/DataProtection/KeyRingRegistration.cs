using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.Shared.Persistence;

namespace NixCafe.Shared.DataProtection;

public static class KeyRingRegistration
{
    /// <summary>
    /// Data Protection for the whole host, its key ring in PostgreSQL so every host of a cluster
    /// shares it. Data Protection rotates keys itself (90 days by default) and keeps old ones to
    /// decrypt old data.
    /// </summary>
    public static IServiceCollection AddCafeDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDbContext<KeyRingDbContext>((provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<CafeDbSession>().Connection));
        services.AddDataProtection().SetApplicationName("NixCafe")
            .PersistKeysToDbContext<KeyRingDbContext>()
            .ProtectKeyRingWithConfiguredCertificates(configuration);
        services.PostConfigure<KeyManagementOptions>(options => options.XmlRepository = new EncryptedKeyRingGuard(options.XmlRepository!));
        return services;
    }
}
