using MediatR;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.DeadLetters;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Features.ManageConnection;
using NixCafe.OdooSync.Features.OperationalHealth;
using NixCafe.OdooSync.Features.OperatorConsole;
using NixCafe.OdooSync.Features.ReconcileDrift;
using NixCafe.OdooSync.Features.ReportSyncStatus;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.OdooSync.Features.SyncFigures;
using NixCafe.OdooSync.Features.TrackRegisterChanges;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.OdooSync.Scheduling;
using NixCafe.OdooSync.Telemetry;
using NixCafe.Registers.Contracts;
using NixCafe.Shared.Application;
using NixCafe.Shared.Hosting;
using NixCafe.Shared.Persistence;
using Npgsql;
using Quartz;

namespace NixCafe.OdooSync;

/// <summary>The OdooSync module's one entry point.</summary>
public static class OdooSyncModule
{
    /// <summary>Scheduler (instance) name shared by every host of one NixCafe cluster.</summary>
    public const string SchedulerName = "nixcafe";

    public static IServiceCollection AddOdooSyncModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<OdooSyncDbContext>();
        services.AddRequestHandlersFrom(typeof(OdooSyncModule).Assembly);
        services.AddScoped<IRegisterSyncStatusReader, RegisterSyncStatusReader>();
        services.AddScoped<TenantConnections>();
        services.AddScoped<PushClaims>();
        services.AddScoped<DueTenants>();
        services.AddScoped<DrainableConnection>();
        services.AddScoped<QueueTransitions>();
        services.AddScoped<RegisterEditQueue>();
        services.AddScoped<KnownTenant>();
        services.AddScoped<DriftChecks>();
        services.AddScoped<AdoptionCheck>();
        services.AddScoped<AdoptionLock>();
        services.AddSingleton<RetryJitter>();
        services.AddSingleton<TenantDrainTriggers>();
        services.AddSingleton<DrainSlots>();
        services.AddSingleton<IQueueFigures, QueueGauges>();
        services.AddSingleton<OdooSyncMetrics>();
        services.AddSingleton<HostDrains>();
        services.AddSingleton<PushTally>();
        // After the shared behaviours (a drain's span covers its wait for a slot), before the handler is made.
        services.AddScoped<IPipelineBehavior<DrainPosConfigQueueCommand, TenantDrainResult>, DrainSlotBehaviour<DrainPosConfigQueueCommand, TenantDrainResult>>();
        services.AddScoped<IPipelineBehavior<CheckDriftCommand, DriftCheckResult>, DrainSlotBehaviour<CheckDriftCommand, DriftCheckResult>>();
        services.AddScoped<IPipelineBehavior<DrainPosConfigQueueCommand, TenantDrainResult>, CountPushesBehaviour>();
        services.AddHostedService<MinuteFiguresRecorder>();
        services.AddOptions<OdooSyncOptions>().BindConfiguration("NixCafe:OdooSync")
            .Validate<IOptions<OdooClientOptions>>(
                (sync, client) => sync.ClaimLease >= client.Value.CallTimeout * 2,
                "NixCafe:OdooSync:ClaimLease must be at least twice NixCafe:OdooSync:CallTimeout, so a push ends before its lease can")
            .Validate(sync => sync.BatchSize is >= 1 and <= 1000, "NixCafe:OdooSync:BatchSize must be between 1 and 1000")
            .Validate(sync => sync.UpdateBatchSize is >= 1 and <= 1000, "NixCafe:OdooSync:UpdateBatchSize must be between 1 and 1000")
            .Validate(sync => sync.MaxConcurrentDrains >= 1, "NixCafe:OdooSync:MaxConcurrentDrains must be at least 1")
            .Validate(sync => sync.ImmediateDrainDelay > TimeSpan.Zero, "NixCafe:OdooSync:ImmediateDrainDelay must be positive")
            .Validate(sync => sync.SchedulerIdleWait >= TimeSpan.FromSeconds(1), "NixCafe:OdooSync:SchedulerIdleWait must be at least one second")
            .ValidateOnStart();
        services.AddOptions<OdooClientOptions>().BindConfiguration("NixCafe:OdooSync")
            .Validate(client => client.MaxCallsPerOdooServer >= 1, "NixCafe:OdooSync:MaxCallsPerOdooServer must be at least 1")
            .ValidateOnStart();
        services.AddOptions<OdooUrlOptions>().BindConfiguration("NixCafe:OdooSync");

        services.AddSingleton<OdooSessionCache>();
        services.AddSingleton<OdooServerProfiles>();
        services.AddSingleton<OdooServerGates>();
        services.AddSingleton<IOdooClientFactory, OdooClientFactory>();
        // Odoo's threaded server closes the connection after each reply: no pooled connection to
        // keep. Redirects are never followed: the API key would go wherever they point, around
        // the allowed hosts (and Odoo 18 answers /json/... with a redirect to its login page: docs/odoo-protocol.md).
        // The factory's own four log lines per request go too: every Odoo call is timed, counted
        // and traced by MeasuredOdooClient, and at the default Information level those lines were
        // forty per tenant drain. Nor does a call carry trace context: Odoo reads none, and without
        // a propagator HttpClient leaves out the handler that, inside a traced drain, made an
        // activity of its own for every call to write the header (3 % of the host's CPU in a tick).
        services.AddHttpClient(OdooClientFactory.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ActivityHeadersPropagator = null })
            .RemoveAllLoggers();

        services.AddSingleton<OdooKeyProtector>();

        services.AddHealthChecks()
            .AddCheck<OdooSyncSchedulerHealthCheck>("odoo-sync-scheduler")
            .AddCheck<OdooSyncQueueHealthCheck>("odoo-sync-queue");

        var schedule = configuration.GetSection("NixCafe:OdooSync").Get<OdooSyncOptions>() ?? new OdooSyncOptions();
        if (schedule.SchedulerEnabled)
        {
            AddClusteredSchedule(services, schedule);
        }

        return services;
    }

    /// <summary>
    /// Quartz's PostgreSQL store in clustered mode (tables made by the NixCafe migrations): every
    /// host shares one schedule, the tick fires on one host, and the drain triggers it stores run
    /// on whichever hosts acquire them. A host that stops checking in has its in-flight triggers
    /// recovered by the others.
    /// </summary>
    private static void AddClusteredSchedule(IServiceCollection services, OdooSyncOptions schedule)
    {
        // The application's data source, taken by the first scheduler (the container's): a scheduler
        // built again after a failed start (ClusteredSchedulerStartup) has a container of its own, in
        // which the store's factory sees Quartz's parts only. Creating a store resolves its data source
        // before any statement, so a start that failed for the database has taken it.
        NpgsqlDataSource? dataSource = null;
        // Named (the name is the instance name): only a named registration can be built again after
        // a creation that failed.
        services.AddQuartz(SchedulerName, quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceId = HostIdentity.Name;
                scheduler.IdleWaitTime = schedule.SchedulerIdleWait;
            });
            quartz.UseDefaultThreadPool(pool => pool.MaxConcurrency = SchedulerThreads.PerHost);
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(ado =>
                {
                    ado.TablePrefix = QuartzSchema.TablePrefix;
                    ado.SchemaProvisioning = SchemaProvisioning.Validate;
                    ado.DbRetryInterval = schedule.SchedulerDbRetryInterval;
                });
                store.UsePostgres(postgres => postgres.DataSourceFactory = provider => dataSource ??= provider.GetRequiredService<NpgsqlDataSource>());
                store.UseClustering(cluster =>
                {
                    cluster.CheckinInterval = schedule.ClusterCheckinInterval;
                    cluster.CheckinMisfireThreshold = schedule.ClusterCheckinInterval;
                });
                store.UseSystemTextJsonSerializer(_ => { });
            });
            // Their cron triggers are declared by ClusterCronTriggers, which leaves a stored one alone.
            quartz.AddJob<DispatchTenantDrainsJob>(job => job.WithIdentity(DispatchTenantDrainsJob.Key).StoreDurably());
            quartz.AddJob<DispatchDriftChecksJob>(job => job.WithIdentity(DispatchDriftChecksJob.Key).StoreDurably());
        });
        services.AddSingleton(provider => new ClusterCronSchedule(DispatchTenantDrainsJob.TickKey, DispatchTenantDrainsJob.Key, provider.GetRequiredService<IOptions<OdooSyncOptions>>().Value.Cron));
        services.AddSingleton(provider => new ClusterCronSchedule(DispatchDriftChecksJob.ScheduleKey, DispatchDriftChecksJob.Key, provider.GetRequiredService<IOptions<OdooSyncOptions>>().Value.DriftCheckCron));
        services.AddSingleton<ClusterCronTriggers>();
        // Graceful stops let running drains finish (each Odoo call is bounded by the call timeout).
        services.AddSingleton<ClusteredSchedulerStartup>();
        services.AddHostedService(provider => provider.GetRequiredService<ClusteredSchedulerStartup>());
    }

    public static IEndpointRouteBuilder MapOdooSyncEndpoints(this IEndpointRouteBuilder endpoints, string operatorPolicy)
    {
        OdooSyncEndpoints.MapOdooSyncEndpoints(endpoints, operatorPolicy);
        endpoints.MapOperatorConsoleEndpoints(operatorPolicy);
        Features.AwaitAdoption.AdoptionEndpoints.MapAdoptionEndpoints(endpoints, operatorPolicy);
        return endpoints;
    }
}
