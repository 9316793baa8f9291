using Npgsql;

namespace NixCafe.Shared.Persistence;

/// <summary>
/// One database connection per DI scope, shared by every module's DbContext, so that the unit of
/// work can run all of a command's writes — its own module's and other modules' event handlers' —
/// in a single transaction without a distributed transaction.
/// </summary>
public sealed class CafeDbSession(NpgsqlDataSource dataSource) : IAsyncDisposable, IDisposable
{
    private readonly List<Func<CancellationToken, Task>> _afterCommit = [];
    private NpgsqlConnection? _connection;

    public NpgsqlConnection Connection => _connection ??= dataSource.CreateConnection();

    public NpgsqlTransaction? Transaction { get; private set; }

    public async Task<NpgsqlTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        if (Transaction is not null)
        {
            throw new InvalidOperationException("A transaction is already open in this scope.");
        }

        if (Connection.State != System.Data.ConnectionState.Open)
        {
            await Connection.OpenAsync(cancellationToken);
        }

        Transaction = await Connection.BeginTransactionAsync(cancellationToken);
        return Transaction;
    }

    /// <summary>
    /// Work that must wait until the open transaction has committed, such as waking a drain for a
    /// change that other hosts can only see then. Dropped if the transaction rolls back.
    /// </summary>
    public void OnCommitted(Func<CancellationToken, Task> action)
    {
        if (Transaction is null)
        {
            throw new InvalidOperationException("No transaction is open in this scope.");
        }

        _afterCommit.Add(action);
    }

    /// <summary>
    /// Takes what waited for the commit; the unit of work runs it once the commit is known to have
    /// landed (acknowledged, or found by its marker after the acknowledgement was lost) and the
    /// connection is back in the pool.
    /// </summary>
    public IReadOnlyList<Func<CancellationToken, Task>> TakeCommittedActions()
    {
        var actions = _afterCommit.ToList();
        _afterCommit.Clear();
        return actions;
    }

    /// <summary>Gives the scope's connection back to the pool; a later statement of the scope takes one again.</summary>
    public Task CloseConnectionAsync() =>
        _connection is { State: not System.Data.ConnectionState.Closed } open ? open.CloseAsync() : Task.CompletedTask;

    /// <summary>
    /// After an attempt failed with <paramref name="failure"/>: the contexts forget what it tracked,
    /// its transaction is dropped and the connection, which may be broken, closed. When the failure
    /// ended the connection (a restart, a failover, a terminated backend), the pool's idle
    /// connections died with it and are let go, so the next attempt opens new ones; after a
    /// deadlock or a serialization failure they are sound and kept.
    /// </summary>
    public async Task ResetAfterFailureAsync(IEnumerable<IUnitOfWorkParticipant> contexts, Exception failure)
    {
        foreach (var context in contexts)
        {
            await context.ForgetAttemptAsync();
        }

        await EndTransactionAsync();
        if (_connection is not null)
        {
            await _connection.CloseAsync();
        }

        if (CafeRetryingExecutionStrategy.EndedTheConnection(failure))
        {
            dataSource.Clear();
        }
    }

    /// <summary>
    /// A read outside any unit of work (a key's lookup before the request reaches its handler), run
    /// again after a dropped connection like a query (<see cref="CafeRetryingExecutionStrategy"/>).
    /// </summary>
    public Task<T> ReadWithRetriesAsync<T>(IUnitOfWorkParticipant context, Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        if (Transaction is not null)
        {
            // Inside a unit of work, which retries as a whole.
            return read(cancellationToken);
        }

        Exception? failure = null;
        return context.CreateRetryingStrategy().ExecuteAsync(read, async (_, attempt, token) =>
        {
            if (failure is not null)
            {
                await ResetAfterFailureAsync([context], failure);
            }

            try
            {
                return await attempt(token);
            }
            catch (Exception exception)
            {
                failure = exception;
                throw;
            }
        }, verifySucceeded: null, cancellationToken);
    }

    public async Task EndTransactionAsync()
    {
        _afterCommit.Clear();
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    /// <summary>For scopes disposed synchronously, such as the ones Data Protection's key store opens.</summary>
    public void Dispose()
    {
        _afterCommit.Clear();
        Transaction?.Dispose();
        Transaction = null;
        _connection?.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await EndTransactionAsync();
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }
    }
}
