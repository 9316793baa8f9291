using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Features.ReportSyncStatus;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.Registers.Contracts;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;
using Quartz;

namespace NixCafe.OdooSync;

/// <summary>The OdooSync module's one entry point.</summary>
public static class OdooSyncModule
{
    public static IServiceCollection AddOdooSyncModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OdooSyncDbContext>();
        services.AddRequestHandlersFrom(typeof(OdooSyncModule).Assembly);
        services.AddScoped<IRegisterSyncStatusReader, RegisterSyncStatusReader>();
        services.AddScoped<TenantConnections>();
        services.AddOptions<OdooSyncOptions>().BindConfiguration("NixCafe:OdooSync");
        services.AddOptions<OdooClientOptions>().BindConfiguration("NixCafe:OdooSync");

        services.AddSingleton<OdooSessionCache>();
        services.AddSingleton<OdooFieldsCache>();
        services.AddSingleton<IOdooClientFactory, JsonRpcOdooClientFactory>();
        // Odoo's threaded server closes the connection after each reply: no pooled connection to keep.
        services.AddHttpClient(JsonRpcOdooClientFactory.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);

        services.AddDataProtection().SetApplicationName("NixCafe");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(options => options.XmlRepository = new PostgresXmlRepository(provider)));
        services.AddSingleton<OdooKeyProtector>();

        var schedule = configuration.GetSection("NixCafe:OdooSync").Get<OdooSyncOptions>() ?? new OdooSyncOptions();
        services.AddQuartz(quartz =>
        {
            quartz.AddJob<DrainOdooSyncQueuesJob>(job => job.WithIdentity(DrainOdooSyncQueuesJob.Key).StoreDurably());
            if (schedule.SchedulerEnabled)
            {
                quartz.AddTrigger(trigger => trigger.ForJob(DrainOdooSyncQueuesJob.Key).WithIdentity("drain-odoo-sync-queues-tick", "odoo-sync").WithCronSchedule(schedule.Cron));
            }
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }

    public static IEndpointRouteBuilder MapOdooSyncEndpoints(this IEndpointRouteBuilder endpoints, string operatorPolicy)
    {
        OdooSyncEndpoints.MapOdooSyncEndpoints(endpoints, operatorPolicy);
        return endpoints;
    }
}
