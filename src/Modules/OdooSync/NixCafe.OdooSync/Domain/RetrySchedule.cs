namespace NixCafe.OdooSync.Domain;

/// <summary>
/// When a register whose push failed for a passing reason is tried again, and when it stops being
/// tried. The schedule is the seeds' (<c>docs/design.md</c>): waits of 1, 5, 15 and 60 minutes
/// after the 1st…4th consecutive failure, and a dead letter at the 5th. The seeds list a fifth
/// step of 240 minutes; with the dead letter at the fifth failure it is never reached, so it is
/// not here. Each wait grows by up to 10 % jitter so that registers that failed together (one
/// Odoo outage) do not all retry in the same second.
/// </summary>
internal static class RetrySchedule
{
    /// <summary>
    /// The failure that dead-letters a register. The partial index
    /// <c>cafe_pos_configs_pending_push_idx</c> holds rows with fewer retries than this (its
    /// migrations wrote the 5 out; a test checks the index and the due predicate agree).
    /// </summary>
    public const int DeadLetterAt = 5;

    /// <summary>The share of a wait the jitter may add at most.</summary>
    public const double MaxJitter = 0.1;

    private static readonly TimeSpan[] Waits =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(60)];

    /// <summary>
    /// After the <paramref name="failures"/>-th consecutive failure: null when the register is
    /// dead-lettered, else when it is tried next. <paramref name="jitter"/> is in [0, 1).
    /// </summary>
    public static DateTimeOffset? NextAttempt(int failures, DateTimeOffset now, double jitter) =>
        failures >= DeadLetterAt
            ? null
            : now + Waits[Math.Clamp(failures, 1, Waits.Length) - 1] * (1 + (jitter * MaxJitter));
}
