using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace NixCafe.Shared.Persistence;

/// <summary>
/// Retries a whole unit of work or read when the database dropped the connection or turned it
/// away for a moment: a broken or refused connection, a server shutting down or starting, a
/// serialization failure or deadlock (each rolls the transaction back). Unlike
/// <c>NpgsqlRetryingExecutionStrategy</c>, which retries every error Npgsql calls transient, it
/// never retries a lock or statement timeout, a connection that timed out, a full server or a
/// read-only one: each of those already took its time or would fail the same way again, and the
/// request answers 503 at once. Three quick retries (1.6 s of waits in all) keep a request that
/// meets an outage within its few seconds' answer.
/// </summary>
public sealed class CafeRetryingExecutionStrategy(ExecutionStrategyDependencies dependencies)
    : ExecutionStrategy(dependencies, Delays.Length, Delays[^1])
{
    private static readonly TimeSpan[] Delays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    /// <summary>Whether <paramref name="exception"/>, or one it wraps, is a failure that a new attempt may not meet.</summary>
    public static bool IsRetryable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    return postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                        or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;
                case NpgsqlException npgsql:
                    // A broken, reset or refused connection (an I/O or socket error), not one that timed out.
                    return npgsql.IsTransient && npgsql.InnerException is not TimeoutException;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a retryable <paramref name="exception"/> ended the connection rather than only its
    /// transaction: after a broken connection or a server going away, the pool's other connections
    /// are most likely dead too; after a serialization failure or a deadlock they are all sound.
    /// </summary>
    public static bool EndedTheConnection(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is PostgresException postgres)
            {
                return postgres.SqlState is not (PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected);
            }
        }

        return true;
    }

    protected override bool ShouldRetryOn(Exception exception) => IsRetryable(exception);

    protected override TimeSpan? GetNextDelay(Exception lastException)
    {
        var retry = ExceptionsEncountered.Count - 1;
        return retry < Delays.Length ? Delays[retry] : null;
    }
}
