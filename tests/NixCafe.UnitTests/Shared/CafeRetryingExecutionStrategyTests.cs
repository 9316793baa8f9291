using System.IO;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Persistence;
using Npgsql;

namespace NixCafe.UnitTests.Shared;

/// <summary>
/// Which database failures the host retries by itself: those a new attempt on a new connection may
/// not meet, never one that already took its time (a timeout) or would fail the same way again.
/// </summary>
public sealed class CafeRetryingExecutionStrategyTests
{
    private static PostgresException Server(string sqlState) => new("the server's own words", "FATAL", "FATAL", sqlState);

    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown)]
    [InlineData(PostgresErrorCodes.CrashShutdown)]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    public void A_server_ending_the_session_or_rolling_the_transaction_back_is_retried(string sqlState) =>
        // As EF Core hands it over from SaveChanges.
        Assert.True(CafeRetryingExecutionStrategy.IsRetryable(new DbUpdateException("saving failed", Server(sqlState))));

    [Theory]
    [InlineData(PostgresErrorCodes.LockNotAvailable)]
    [InlineData(PostgresErrorCodes.QueryCanceled)]
    [InlineData(PostgresErrorCodes.TooManyConnections)]
    [InlineData(PostgresErrorCodes.ReadOnlySqlTransaction)]
    [InlineData(PostgresErrorCodes.UniqueViolation)]
    public void A_timeout_a_full_or_read_only_server_and_a_broken_rule_are_not_retried(string sqlState) =>
        Assert.False(CafeRetryingExecutionStrategy.IsRetryable(new DbUpdateException("saving failed", Server(sqlState))));

    [Fact]
    public void A_broken_or_refused_connection_is_retried_as_EF_Core_wraps_it()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new EndOfStreamException());
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));

        Assert.True(CafeRetryingExecutionStrategy.IsRetryable(new InvalidOperationException("likely due to a transient failure", broken)));
        Assert.True(CafeRetryingExecutionStrategy.IsRetryable(refused));
    }

    [Fact]
    public void A_connection_that_timed_out_is_not_retried()
    {
        Assert.False(CafeRetryingExecutionStrategy.IsRetryable(new NpgsqlException("The operation has timed out", new TimeoutException())));
        Assert.False(CafeRetryingExecutionStrategy.IsRetryable(new InvalidOperationException("a bug")));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.DeadlockDetected)]
    public void A_transaction_rolled_back_by_the_server_leaves_its_connection_sound(string sqlState) =>
        Assert.False(CafeRetryingExecutionStrategy.EndedTheConnection(new DbUpdateException("saving failed", Server(sqlState))));

    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown)]
    [InlineData(PostgresErrorCodes.CrashShutdown)]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]
    public void A_server_ending_the_session_ended_the_connection(string sqlState) =>
        Assert.True(CafeRetryingExecutionStrategy.EndedTheConnection(new DbUpdateException("saving failed", Server(sqlState))));

    [Fact]
    public void A_broken_or_refused_connection_ended_the_connection()
    {
        Assert.True(CafeRetryingExecutionStrategy.EndedTheConnection(new InvalidOperationException("likely due to a transient failure",
            new NpgsqlException("Exception while reading from stream", new EndOfStreamException()))));
        Assert.True(CafeRetryingExecutionStrategy.EndedTheConnection(new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused))));
    }
}
