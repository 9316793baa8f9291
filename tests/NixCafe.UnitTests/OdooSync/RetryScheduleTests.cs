using NixCafe.OdooSync.Domain;

namespace NixCafe.UnitTests.OdooSync;

public sealed class RetryScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 5)]
    [InlineData(3, 15)]
    [InlineData(4, 60)]
    public void The_first_four_failures_wait_1_5_15_and_60_minutes(int failures, int minutes) =>
        Assert.Equal(Now.AddMinutes(minutes), RetrySchedule.NextAttempt(failures, Now, jitter: 0));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(4, 60)]
    public void Jitter_adds_at_most_a_tenth_of_the_wait(int failures, int minutes)
    {
        var latest = RetrySchedule.NextAttempt(failures, Now, jitter: 0.999999)!.Value;

        Assert.InRange(latest - Now, TimeSpan.FromMinutes(minutes), TimeSpan.FromMinutes(minutes * 1.1));
        Assert.Equal(Now.AddMinutes(minutes * 1.05), RetrySchedule.NextAttempt(failures, Now, jitter: 0.5));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void The_fifth_failure_dead_letters_so_no_wait_of_240_minutes_is_ever_scheduled(int failures)
    {
        Assert.Equal(5, RetrySchedule.DeadLetterAt);
        Assert.Null(RetrySchedule.NextAttempt(failures, Now, jitter: 0));
    }

    [Fact]
    public void The_default_jitter_is_a_share_in_zero_to_one() =>
        Assert.All(Enumerable.Range(0, 100).Select(_ => new RetryJitter().Next()), share => Assert.InRange(share, 0, 0.999999999));
}
