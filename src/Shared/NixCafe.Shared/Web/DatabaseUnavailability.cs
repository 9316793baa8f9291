using Npgsql;

namespace NixCafe.Shared.Web;

/// <summary>
/// Whether an exception means the database could not serve the request now — down, restarting,
/// out of connections, read-only, or a statement that ran into its lock or statement timeout —
/// rather than a bug: the request may succeed if sent again in a few seconds.
/// </summary>
public static class DatabaseUnavailability
{
    /// <summary>What the client is told to wait before retrying, in seconds.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>The PostgreSQL error behind the exception, searched through its inner exceptions.</summary>
    public static NpgsqlException? Cause(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is NpgsqlException npgsql && IsUnavailable(npgsql))
            {
                return npgsql;
            }
        }

        return null;
    }

    /// <summary>A server that turned read-only (a demoted primary): new connections must look for the primary again.</summary>
    public static bool IsReadOnly(NpgsqlException exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction };

    /// <summary>The reason in words, without the server's address or the exception's text.</summary>
    public static string Reason(NpgsqlException exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } => "The database has no free connection (too many clients).",
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => "The database is read-only (not the primary).",
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => "A database statement ran past its statement timeout.",
        PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable } => "A database statement waited past its lock timeout.",
        PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow } => "The database is starting up or shutting down.",
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown } => "The database was shut down.",
        { InnerException: TimeoutException } => "The database did not answer in time (or no pooled connection was free).",
        _ => "The database cannot be reached.",
    };

    private static bool IsUnavailable(NpgsqlException exception) =>
        exception.IsTransient || exception is PostgresException
        {
            SqlState: PostgresErrorCodes.ReadOnlySqlTransaction or PostgresErrorCodes.QueryCanceled or PostgresErrorCodes.LockNotAvailable,
        };
}
