using System.Globalization;
using Npgsql;

namespace NixCafe.Host;

/// <summary>
/// How long the host waits on the database (<c>NixCafe:Database</c>): to connect (or for a pooled
/// connection), for one statement, and for one lock. A request that hits one of them answers 503
/// instead of hanging; zero switches the statement or lock timeout off.
/// </summary>
internal static class DatabaseTimeouts
{
    public static void Apply(NpgsqlConnectionStringBuilder connection, IConfiguration configuration)
    {
        var section = configuration.GetSection("NixCafe:Database");
        var connect = section.GetValue("ConnectTimeout", TimeSpan.FromSeconds(15));
        var statement = section.GetValue("StatementTimeout", TimeSpan.FromSeconds(30));
        var lockWait = section.GetValue("LockTimeout", TimeSpan.FromSeconds(10));
        if (connect < TimeSpan.FromSeconds(1) || statement < TimeSpan.Zero || lockWait < TimeSpan.Zero)
        {
            throw new InvalidOperationException("NixCafe:Database:ConnectTimeout must be at least one second, StatementTimeout and LockTimeout zero (off) or more");
        }

        connection.Timeout = (int)Math.Ceiling(connect.TotalSeconds);
        // The server cancels first and says why (57014); the client's own timeout is only the backstop for a server that stopped answering.
        connection.CommandTimeout = statement == TimeSpan.Zero ? 0 : (int)Math.Ceiling(statement.TotalSeconds) + 5;
        var options = $"-c statement_timeout={Milliseconds(statement)} -c lock_timeout={Milliseconds(lockWait)}";
        connection.Options = string.IsNullOrWhiteSpace(connection.Options) ? options : $"{connection.Options} {options}";
    }

    private static string Milliseconds(TimeSpan timeout) => ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
}
