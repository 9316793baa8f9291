namespace NixCafe.OdooSync.Domain;

/// <summary>
/// Where the retry schedule's jitter comes from: random in production, injectable like
/// <see cref="TimeProvider"/> so that a test can pin a retry to the second.
/// </summary>
internal class RetryJitter
{
    /// <summary>A number in [0, 1): the share of the maximum jitter added to one wait.</summary>
    public virtual double Next() => Random.Shared.NextDouble();
}
