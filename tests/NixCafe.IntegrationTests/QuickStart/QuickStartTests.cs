using System.Net;
using System.Net.Sockets;

namespace NixCafe.IntegrationTests.QuickStart;

/// <summary>
/// <c>build/run.sh</c> stops everything it started — the fake Odoo, the host and the host's
/// PostgreSQL — however it ends, and refuses to start beside a fake Odoo left by an earlier run.
/// </summary>
public sealed class QuickStartTests
{
    private static readonly TimeSpan StopWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_SIGTERM_to_the_script_stops_the_fake_odoo_the_host_and_its_postgres()
    {
        await using var run = QuickStartRun.Start();
        await run.WaitUntilHealthyAsync();

        run.SignalScript(QuickStartRun.SigTerm);

        Assert.Empty(await run.WaitUntilGoneAsync(StopWithin));
    }

    [Fact]
    public async Task Ctrl_C_stops_the_fake_odoo_the_host_and_its_postgres()
    {
        await using var run = QuickStartRun.Start();
        await run.WaitUntilHealthyAsync();

        run.SignalGroup(QuickStartRun.SigInt);

        Assert.Empty(await run.WaitUntilGoneAsync(StopWithin));
    }

    [Fact]
    public async Task A_host_that_dies_takes_the_fake_odoo_and_its_postgres_with_it()
    {
        await using var run = QuickStartRun.Start();
        await run.WaitUntilHealthyAsync();

        run.SignalHost(QuickStartRun.SigKill);

        Assert.Empty(await run.WaitUntilGoneAsync(StopWithin));
        Assert.NotEqual(0, run.ExitCode);
    }

    [Fact]
    public async Task A_run_beside_a_stale_fake_odoo_fails_instead_of_talking_to_it()
    {
        using var stale = new TcpListener(IPAddress.Loopback, 0);
        stale.Start();
        await using var run = QuickStartRun.Start(fakeOdooPort: ((IPEndPoint)stale.LocalEndpoint).Port);

        await run.WaitForExitAsync(StopWithin);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["a listener on the fake Odoo's port " + run.FakeOdooPort], run.Leftovers());
        Assert.Contains($"127.0.0.1:{run.FakeOdooPort} is taken", run.Output);
    }
}
