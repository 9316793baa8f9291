using Microsoft.Extensions.Diagnostics.HealthChecks;
using NixCafe.Shared.Web;
using Npgsql;

namespace NixCafe.Host;

/// <summary>Healthy when the database answers a trivial query within a couple of seconds.</summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy("The database answers.");
        }
        catch (NpgsqlException exception) when (DatabaseUnavailability.Cause(exception) is { } cause)
        {
            return HealthCheckResult.Unhealthy(DatabaseUnavailability.Reason(cause));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database did not answer within 3 s.");
        }
    }
}
