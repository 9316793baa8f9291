using NixCafe.OdooSync.Configuration;

namespace NixCafe.OdooSync.Scheduling;

/// <summary>
/// Quartz threads per host. One runs the tick or a tenant's own drain; the others hold tick (or
/// drift-check) triggers of a few dozen tenants each (<see cref="TenantsPerTrigger"/>), so a host's
/// drain slots are refilled as each small trigger ends instead of in waves of one large trigger
/// waiting for its slowest drain. Quartz acquires as many triggers as it has free threads, so a
/// host holds about its slots' worth of tenants at once and leaves the rest to the cluster's
/// other hosts.
/// </summary>
internal static class SchedulerThreads
{
    public const int PerHost = 8;

    /// <summary>The threads a host fills with tick and drift-check triggers.</summary>
    private const int ForTriggers = PerHost - 1;

    /// <summary>The most tenants one tick or drift-check trigger carries: the triggers one host holds at once fill its drain slots and no more.</summary>
    public static int TenantsPerTrigger(OdooSyncOptions options) => Math.Max(1, options.MaxConcurrentDrains / ForTriggers);
}
