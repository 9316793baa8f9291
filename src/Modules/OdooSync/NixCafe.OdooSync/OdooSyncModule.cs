using Microsoft.Extensions.DependencyInjection;
using NixCafe.OdooSync.Features.ReportSyncStatus;
using NixCafe.OdooSync.Persistence;
using NixCafe.Registers.Contracts;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync;

/// <summary>The OdooSync module's one entry point.</summary>
public static class OdooSyncModule
{
    public static IServiceCollection AddOdooSyncModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<OdooSyncDbContext>();
        services.AddRequestHandlersFrom(typeof(OdooSyncModule).Assembly);
        services.AddScoped<IRegisterSyncStatusReader, RegisterSyncStatusReader>();
        return services;
    }
}
