using NixCafe.OdooSync.Domain;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>An operator's pause of a tenant's sync, each test named after the rule it checks.</summary>
public sealed class SyncPauseTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_running_sync_skips_no_drain() => Assert.Null(SyncPause.Running.SkipReason);

    [Fact]
    public void A_paused_sync_says_who_paused_it_since_when_and_why_wherever_a_drain_skips_it()
    {
        var (paused, changed) = SyncPause.Running.Pause("operator", "Odoo is being upgraded", Now);

        Assert.True(changed);
        Assert.True(paused.IsPaused);
        Assert.Equal("the tenant's sync is paused by operator since 2026-12-01 12:00 UTC (Odoo is being upgraded); resume it to push again", paused.SkipReason);
    }

    public static TheoryData<string, bool, bool, bool> Transitions => new()
    {
        // action, paused before, changed, paused after
        { "pause", false, true, true },
        { "pause", true, false, true },
        { "resume", true, true, false },
        { "resume", false, false, false },
    };

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Pausing_a_paused_sync_keeps_the_first_pause_and_resuming_a_running_one_changes_nothing(string action, bool pausedBefore, bool changed, bool pausedAfter)
    {
        var before = pausedBefore ? new SyncPause(Now.AddHours(-1), "first", null) : SyncPause.Running;

        var (after, didChange) = action == "pause" ? before.Pause("second", null, Now) : before.Resume();

        Assert.Equal((changed, pausedAfter), (didChange, after.IsPaused));
        if (pausedBefore && pausedAfter)
        {
            Assert.Equal(("first", Now.AddHours(-1)), (after.PausedBy, after.PausedAt!.Value));
        }
    }
}
