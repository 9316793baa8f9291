using Microsoft.Extensions.Time.Testing;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>How many requests one Odoo server gets from a host at once.</summary>
public sealed class OdooServerGateTests
{
    [Fact]
    public async Task Many_callers_never_have_more_requests_in_flight_than_the_limit()
    {
        var gate = new OdooServerGate(3, TimeProvider.System);
        var inFlight = 0;
        var most = 0;

        await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            await gate.EnterAsync(CancellationToken.None);
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref most, now);
            await Task.Delay(2);
            Interlocked.Decrement(ref inFlight);
            gate.Leave(TimeSpan.FromMilliseconds(50));
        }));

        Assert.Equal(3, most);
    }

    [Fact]
    public async Task A_caller_that_gives_up_waiting_leaves_its_place_to_the_next()
    {
        var gate = new OdooServerGate(1, TimeProvider.System);
        await gate.EnterAsync(CancellationToken.None);
        using var giveUp = new CancellationTokenSource();
        var impatient = gate.EnterAsync(giveUp.Token);
        var patient = gate.EnterAsync(CancellationToken.None);

        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.False(patient.IsCompleted);
        gate.Leave(TimeSpan.FromMilliseconds(50));

        await patient;
    }

    [Fact]
    public void A_server_answering_twice_as_slowly_as_usual_gets_fewer_requests_and_more_again_once_it_is_back()
    {
        var clock = new FakeTimeProvider();
        var gate = new OdooServerGate(8, clock);
        Answer(gate, clock, TimeSpan.FromMilliseconds(100), times: 30);
        Assert.Equal(8, gate.Limit);

        Answer(gate, clock, TimeSpan.FromMilliseconds(400), times: 10);
        var slowed = gate.Limit;

        Answer(gate, clock, TimeSpan.FromMilliseconds(100), times: 200);
        Assert.InRange(slowed, 1, 4);
        Assert.Equal(8, gate.Limit);
    }

    [Fact]
    public void A_429_closes_the_gate_until_its_retry_after_and_halves_the_limit()
    {
        var clock = new FakeTimeProvider();
        var gate = new OdooServerGate(8, clock);

        gate.Refused(clock.GetUtcNow().AddSeconds(5));
        gate.Refused(clock.GetUtcNow().AddSeconds(2));
        gate.Refused(until: null);

        Assert.Equal(clock.GetUtcNow().AddSeconds(5), gate.ClosedUntil);
        Assert.Equal(4, gate.Limit);
    }

    private static void Answer(OdooServerGate gate, FakeTimeProvider clock, TimeSpan latency, int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(gate.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);
            clock.Advance(latency);
            gate.Leave(latency);
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
