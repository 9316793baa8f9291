using NixCafe.Shared.Postgres;

// The namespace of the linked TestPostgres, which asks this type for its server.
namespace NixCafe.IntegrationTests.Support;

/// <summary>
/// The benchmarks' PostgreSQL server: the server named by NIXCAFE_TEST_DATABASE, or else a private
/// throw-away cluster from the embedded helper the host uses (fsync off), not the tests' container,
/// so that figures stay comparable from run to run and carry no container overhead.
/// </summary>
public static class TestPostgresServer
{
    public static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable("NIXCAFE_TEST_DATABASE");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var root = Path.Combine(Path.GetTempPath(), $"nixcafe-bench-pg-{Environment.ProcessId}");
        var embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions(root, Temporary: true) { MaxConnections = 300 });
        AppDomain.CurrentDomain.ProcessExit += (_, _) => embedded.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return embedded.ConnectionString;
    }
}
