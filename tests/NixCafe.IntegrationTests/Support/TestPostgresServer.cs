using System.Diagnostics;
using System.Globalization;
using Testcontainers.PostgreSql;

namespace NixCafe.IntegrationTests.Support;

/// <summary>
/// The PostgreSQL server of a test process: the server named by NIXCAFE_TEST_DATABASE (a
/// connection string whose user may create databases), or else one throw-away container per test
/// assembly process (the integration and browser tests run side by side, each with its own) from
/// NIXCAFE_TEST_POSTGRES_IMAGE, or the stock postgres:15 image where that is unset.
/// </summary>
public static class TestPostgresServer
{
    /// <summary>build/lib/docker-engine.sh finds test containers by this label after a killed run.</summary>
    public const string Label = "nixcafe.tests";

    /// <summary>How long the container took to start and answer; zero on a configured server.</summary>
    public static TimeSpan StartupTime { get; private set; }

    public static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("NIXCAFE_TEST_DATABASE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var image = Environment.GetEnvironmentVariable("NIXCAFE_TEST_POSTGRES_IMAGE") is { Length: > 0 } named ? named : "postgres:15";
        var timer = Stopwatch.StartNew();
        var container = new PostgreSqlBuilder(image)
            .WithLabel(Label, "true")
            // Whose container it is: the sweep removes only those whose test process is gone.
            .WithLabel(Label + ".pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture))
            // Throw-away data: no fsync. Each test class runs a host with its own connection pools.
            .WithCommand("-c", "fsync=off", "-c", "max_connections=300")
            .Build();
        await container.StartAsync();
        StartupTime = timer.Elapsed;
        Console.WriteLine($"test PostgreSQL: {image} container started in {StartupTime.TotalSeconds:F1} s");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return container.GetConnectionString();
    }
}
