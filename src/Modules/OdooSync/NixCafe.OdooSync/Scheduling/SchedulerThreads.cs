using NixCafe.OdooSync.Configuration;

namespace NixCafe.OdooSync.Scheduling;

/// <summary>
/// Quartz threads per host: the jobs it runs at once (tick and drift-check triggers, the tick
/// itself, tenants' own drains). A tick or drift-check trigger carries a seventh of the host's drain
/// slots (<see cref="TenantsPerTrigger"/>), so a host's slots are refilled as each small trigger
/// ends instead of in waves of one large trigger waiting for its slowest drain. Quartz acquires as
/// many triggers as it has free threads, so a host holds about its slots' worth of tenants (seven
/// triggers fill them, an eighth waits) and leaves the rest to the cluster's other hosts.
/// </summary>
internal static class SchedulerThreads
{
    public const int PerHost = 8;

    /// <summary>How many triggers fill a host's slots: one fewer than its threads, so what a host holds beyond its slots stays one trigger at most.</summary>
    private const int ForTriggers = PerHost - 1;

    /// <summary>The most tenants one tick or drift-check trigger carries: the eight triggers one host can hold are its drain slots and one trigger more.</summary>
    public static int TenantsPerTrigger(OdooSyncOptions options) => Math.Max(1, options.MaxConcurrentDrains / ForTriggers);
}
