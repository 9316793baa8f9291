using System.Net;
using System.Net.Sockets;
using System.Text;

namespace NixCafe.IntegrationTests.Resilience;

/// <summary>
/// A TCP proxy between the host and PostgreSQL that cuts one connection at its commit, as a
/// network fault or a server crash does: armed with a statement fragment, it waits for the
/// connection that sends it, then at that connection's next <c>COMMIT</c> either drops it before
/// the commit reaches the server (the transaction rolls back) or forwards the commit and drops the
/// server's acknowledgement (the transaction committed; the host cannot know).
/// </summary>
public sealed class CommitCuttingProxy : IAsyncDisposable
{
    private static readonly byte[] Commit = Encoding.ASCII.GetBytes("COMMIT\0");
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _serverPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private string? _armedWith;
    private bool _ackLost;
    private TaskCompletionSource _cut = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public CommitCuttingProxy(int serverPort)
    {
        _serverPort = serverPort;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Cuts the next connection that sends <paramref name="fragment"/> at its commit; completes once it has.</summary>
    public Task ArmAsync(string fragment, bool commitLands)
    {
        lock (_gate)
        {
            _armedWith = fragment;
            _ackLost = commitLands;
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
            lock (_gate)
            {
                if (_armedWith is { } fragment && !connection.Marked && Encoding.UTF8.GetString(chunk).Contains(fragment, StringComparison.Ordinal))
                {
                    connection.Marked = true;
                    connection.AckLost = _ackLost;
                    _armedWith = null;
                }
            }

            if (connection.Marked && chunk.IndexOf(Commit) >= 0)
            {
                if (!connection.AckLost)
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
        public bool Marked { get; set; }

        public bool AckLost { get; set; }

        public volatile bool CommitForwarded;
    }
}
