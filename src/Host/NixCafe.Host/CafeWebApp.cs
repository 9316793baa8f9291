using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NixCafe.Host.ApiReference;
using NixCafe.Host.Database;
using NixCafe.Host.OperatorConsole;
using NixCafe.Host.SettingsPage;
using NixCafe.Host.Telemetry;
using NixCafe.Host.Web;
using NixCafe.OdooSync;
using NixCafe.Registers;
using NixCafe.Tenants;
using NixCafe.Shared;
using NixCafe.Shared.DataProtection;
using NixCafe.Shared.Hosting;
using NixCafe.Shared.Persistence;
using NixCafe.Shared.Web;
using Npgsql;

namespace NixCafe.Host;

/// <summary>Composition of the HTTP host: the modules, the pipeline, the settings page, health and OpenAPI.</summary>
public static class CafeWebApp
{
    /// <summary>The host's database connections at most, unless <c>NixCafe:Database:MaxPoolSize</c> says otherwise.</summary>
    public const int DefaultMaxPoolSize = 20;

    public static WebApplication Build(string[] args, string connectionString, Action<WebApplicationBuilder>? customise = null)
    {
        // appsettings.json ships beside the binary, wherever the host is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Services.AddSingleton(_ =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            // pg_stat_activity then says which host holds a lock or runs a slow query.
            dataSource.ConnectionStringBuilder.ApplicationName ??= $"nixcafe {HostIdentity.Name}";
            // The pool's name labels Npgsql's metrics; by default it is the connection string.
            dataSource.Name = "nixcafe";
            DatabaseTimeouts.Apply(dataSource.ConnectionStringBuilder, builder.Configuration);
            // A tenant drain holds a connection only while one of its statements runs, never while it
            // waits on Odoo, so the pool need not grow with the drains. Its bound is the most statements
            // the host has PostgreSQL run at once: beyond what the server's cores run, more only contend
            // (in the 1,000-tenant tick, 100 connections took PostgreSQL twice the CPU that 20 did). A
            // command gives its connection back before its after-commit actions take one, so no request holds two.
            var maxPoolSize = builder.Configuration.GetValue("NixCafe:Database:MaxPoolSize", DefaultMaxPoolSize);
            if (maxPoolSize < 1)
            {
                throw new InvalidOperationException("NixCafe:Database:MaxPoolSize must be at least 1");
            }

            dataSource.ConnectionStringBuilder.MaxPoolSize = maxPoolSize;
            // The drains, the API and Quartz's store repeat a few dozen statements: prepared once per
            // connection, PostgreSQL stops parsing and planning them on every call (a third of its
            // CPU in a 1,000-tenant tick). A connection string that sets its own value wins.
            if (dataSource.ConnectionStringBuilder.MaxAutoPrepare == 0)
            {
                dataSource.ConnectionStringBuilder.MaxAutoPrepare = 64;
            }

            // Npgsql resets a connection's session state whenever it goes back to the pool (with
            // statements prepared, seven statements on the next use), and a drain returns its
            // connection after every statement. Nothing here changes session state: timeouts come in
            // the startup options, transactions end before a connection is returned, and the one
            // session-level lock (the migrator's) is taken on a connection of its own.
            dataSource.ConnectionStringBuilder.NoResetOnClose = true;
            // A statement outside any request's or drain's trace (Quartz's store acquiring and
            // completing triggers, checking in; the commit sweeper) would be a trace of one span:
            // a tenth of a tick's spans, none of them an answer to "why did this take long?".
            // Nor does a statement's span carry an event for its first response: our statements
            // return a few rows, so it marks all but the span's end, and costs an event on every span.
            dataSource.ConfigureTracing(tracing => tracing
                .ConfigureCommandFilter(_ => Activity.Current is not null)
                .ConfigureBatchFilter(_ => Activity.Current is not null)
                .EnableFirstResponseEvent(false));
            return dataSource.Build();
        });
        builder.Services.AddScoped<CafeDbSession>();
        builder.Services.AddCafeMediator();
        builder.Services.AddProblemDetails();
        // Unreadable bodies reach the exception handler, which says what was wrong with them.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<CafeExceptionHandler>();
        builder.Services.AddOpenApi(openApi =>
        {
            openApi.AddBearerScheme();
            openApi.AddProblemResponses();
        });
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddCafeDataProtection(builder.Configuration);
        builder.Services.AddTenantsModule();
        builder.Services.AddRegistersModule();
        builder.Services.AddOdooSyncModule(builder.Configuration);
        builder.Services.AddRequestLimits();
        builder.AddCafeTelemetry();
        customise?.Invoke(builder);

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseMetricsPort();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyCap();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseBrowserSessionAntiforgery();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapApiReference();
        app.MapSettingsPage();
        app.MapOperatorConsolePage();
        app.MapTenantsEndpoints();
        app.MapRegistersEndpoints();
        app.MapOdooSyncEndpoints(TenantsModule.OperatorPolicy);
        app.MapCafeMetrics(TenantsModule.OperatorPolicy);
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).AllowAnonymous().DisableRateLimiting();
        return app;
    }

    /// <summary>Applies pending migrations at start-up only when <c>NixCafe:MigrateOnStartup</c> is true.</summary>
    public static async Task MigrateIfConfiguredAsync(WebApplication app, string connectionString, CancellationToken cancellationToken)
    {
        if (!app.Configuration.GetValue<bool>("NixCafe:MigrateOnStartup"))
        {
            return;
        }

        await using var migrator = new CafeMigrator(connectionString);
        var applied = await migrator.MigrateAsync(cancellationToken);
        app.Logger.LogInformation("Applied {Count} pending migration(s) at start-up", applied.Count);
    }
}
