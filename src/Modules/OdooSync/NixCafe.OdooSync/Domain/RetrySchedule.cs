namespace NixCafe.OdooSync.Domain;

/// <summary>
/// When a failed push is tried again (seed 000): 1, 5, 15, 60, 240 minutes after the 1st…5th
/// consecutive failure, plus up to 10 % jitter so that tenants that failed together do not all
/// retry in the same second. The row is dead-lettered when its retries reach the limit.
/// </summary>
internal static class RetrySchedule
{
    public const int DeadLetterAt = 5;

    private static readonly TimeSpan[] Delays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60), TimeSpan.FromMinutes(240)];

    /// <summary>After the <paramref name="failures"/>-th failure: null when it is dead-lettered, else the next attempt.</summary>
    public static DateTimeOffset? NextAttempt(int failures, DateTimeOffset now, Random jitter) =>
        failures >= DeadLetterAt
            ? null
            : now + Delays[Math.Clamp(failures, 1, Delays.Length) - 1] * (1 + (jitter.NextDouble() / 10));
}
