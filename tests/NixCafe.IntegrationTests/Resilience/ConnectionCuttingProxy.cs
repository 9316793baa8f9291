using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NixCafe.IntegrationTests.Resilience;

/// <summary>
/// A TCP proxy between the host and PostgreSQL that cuts one connection inside its transaction, as
/// a network fault or a server crash does: armed with a statement fragment, it waits for the
/// connection that sends it, then either at that connection's next <c>COMMIT</c> drops it before
/// the commit reaches the server (the transaction rolls back) or forwards the commit and drops the
/// server's acknowledgement (the transaction committed; the host cannot know); or drops it as its
/// next statement leaves, after the server answered the one armed with (the connection died
/// between two statements of one transaction).
/// </summary>
public sealed class ConnectionCuttingProxy : IAsyncDisposable
{
    private static readonly byte[] Commit = Encoding.ASCII.GetBytes("COMMIT\0");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private string? _armedWith;
    private Cut _armedCut;
    private TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ConnectionCuttingProxy(int serverPort)
    {
        _serverPort = serverPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private enum Cut
    {
        BeforeCommit,
        AfterCommit,
        BeforeNextStatement,
    }

    /// <summary>Cuts the next connection that sends <paramref name="fragment"/> at its commit; completes once it has.</summary>
    public Task ArmAsync(string fragment, bool commitLands) => Arm(fragment, commitLands ? Cut.AfterCommit : Cut.BeforeCommit);

    /// <summary>Cuts the next connection that sends <paramref name="fragment"/> when it sends its next statement; completes once it has.</summary>
    public Task ArmBetweenStatementsAsync(string fragment) => Arm(fragment, Cut.BeforeNextStatement);

    private Task Arm(string fragment, Cut cut)
    {
        lock (_gate)
        {
            _armedWith = fragment;
            _armedCut = cut;
            _cut = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _cut.Task;
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _serverPort, _stop.Token);
        }
        catch (SocketException)
        {
            return;
        }

        using var cut = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var connection = new Connection();
        var toServer = PumpToServerAsync(client.GetStream(), server.GetStream(), connection, cut);
        var toClient = PumpToClientAsync(server.GetStream(), client.GetStream(), connection, cut);
        await Task.WhenAny(toServer, toClient);
        await cut.CancelAsync();
        client.Client.Close(0);
        server.Client.Close(0);
        await Task.WhenAll(toServer, toClient).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task PumpToServerAsync(NetworkStream from, NetworkStream to, Connection connection, CancellationTokenSource cut)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cut.Token)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            if (connection.Cut == Cut.BeforeNextStatement)
            {
                _cut.TrySetResult();
                return;
            }

            lock (_gate)
            {
                if (_armedWith is { } fragment && connection.Cut is null && Encoding.UTF8.GetString(chunk).Contains(fragment, StringComparison.Ordinal))
                {
                    connection.Cut = _armedCut;
                    _armedWith = null;
                }
            }

            if (connection.Cut is Cut.BeforeCommit or Cut.AfterCommit && chunk.IndexOf(Commit) >= 0)
            {
                if (connection.Cut == Cut.BeforeCommit)
                {
                    _cut.TrySetResult();
                    return;
                }

                connection.CommitForwarded = true;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cut.Token);
        }
    }

    private async Task PumpToClientAsync(NetworkStream from, NetworkStream to, Connection connection, CancellationTokenSource cut)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, cut.Token)) > 0)
        {
            if (connection.CommitForwarded)
            {
                // The server answered the commit: it landed. The host never hears so.
                _cut.TrySetResult();
                return;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), cut.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        _stop.Dispose();
    }

    private sealed class Connection
    {
        /// <summary>How this connection is cut, once it sent the statement armed with.</summary>
        public Cut? Cut { get; set; }

        public volatile bool CommitForwarded;
    }
}
