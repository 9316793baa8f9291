namespace NixCafe.IntegrationTests.Support;

/// <summary>A clock the test moves by hand, so backoff is tested without sleeping.</summary>
public sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
