using Npgsql;

namespace NixCafe.Shared.Persistence;

/// <summary>
/// One database connection per DI scope, shared by every module's DbContext, so that the unit of
/// work can run all of a command's writes — its own module's and other modules' event handlers' —
/// in a single transaction without a distributed transaction.
/// </summary>
public sealed class CafeDbSession(NpgsqlDataSource dataSource) : IAsyncDisposable
{
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

    public async Task EndTransactionAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
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
