using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Web;
using Npgsql;

namespace NixCafe.UnitTests.Shared;

/// <summary>Which database failures answer 503 (try again soon) and which stay what they were: a broken rule, or a bug.</summary>
public sealed class DatabaseUnavailabilityTests
{
    private static PostgresException Server(string sqlState) => new("the server's own words", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData(PostgresErrorCodes.TooManyConnections, "too many clients")]
    [InlineData(PostgresErrorCodes.ReadOnlySqlTransaction, "read-only")]
    [InlineData(PostgresErrorCodes.LockNotAvailable, "lock timeout")]
    [InlineData(PostgresErrorCodes.QueryCanceled, "statement timeout")]
    [InlineData(PostgresErrorCodes.AdminShutdown, "shut down")]
    [InlineData(PostgresErrorCodes.CannotConnectNow, "starting up")]
    public void A_server_that_cannot_serve_now_is_unavailable_and_says_why_in_words(string sqlState, string words)
    {
        // As EF Core hands it over from SaveChanges.
        var cause = DatabaseUnavailability.Cause(new DbUpdateException("saving failed", Server(sqlState)));

        Assert.NotNull(cause);
        Assert.Contains(words, DatabaseUnavailability.Reason(cause), StringComparison.Ordinal);
        Assert.DoesNotContain("the server's own words", DatabaseUnavailability.Reason(cause), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_connection_is_unavailable_without_naming_the_server()
    {
        var refused = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

        var cause = DatabaseUnavailability.Cause(new InvalidOperationException("transient failure", refused));

        Assert.NotNull(cause);
        Assert.Equal("The database cannot be reached.", DatabaseUnavailability.Reason(cause));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation)]
    [InlineData(PostgresErrorCodes.UndefinedTable)]
    [InlineData(PostgresErrorCodes.SyntaxError)]
    public void A_broken_constraint_or_a_bug_is_not_an_outage(string sqlState) =>
        Assert.Null(DatabaseUnavailability.Cause(new DbUpdateException("saving failed", Server(sqlState))));
}
