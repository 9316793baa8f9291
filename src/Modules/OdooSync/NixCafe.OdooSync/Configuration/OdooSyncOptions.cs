namespace NixCafe.OdooSync.Configuration;

/// <summary>The module's settings (<c>NixCafe:OdooSync</c>): batching, the clustered schedule, leases and the queue's health.</summary>
public sealed class OdooSyncOptions
{
    /// <summary>How many due creates go to Odoo in one batch (one claim; one <c>load</c> each of cash journals, cash methods and configs).</summary>
    public int BatchSize { get; set; } = 10;

    /// <summary>
    /// How many due updates (renames, (de)activations) go to Odoo in one <c>load</c> of the same
    /// claim. An update row is two cells of a record Odoo has, so a burst of a hundred edits of a
    /// tenant takes one call, not ten.
    /// </summary>
    public int UpdateBatchSize { get; set; } = 100;

    /// <summary>The Quartz cron of the tick that starts the tenants' drains (fires once across the cluster).</summary>
    public string Cron { get; set; } = "0 * * * * ?";

    /// <summary>The Quartz cron of the drift checks (hourly by default; fires once across the cluster, the checks spread over the hosts).</summary>
    public string DriftCheckCron { get; set; } = "0 0 * * * ?";

    /// <summary>Whether this host joins the clustered schedule (the operator endpoint drains either way).</summary>
    public bool SchedulerEnabled { get; set; } = true;

    /// <summary>
    /// How long a drain holds its rows without renewing. A host that dies mid-push blocks its rows
    /// this long at most; it must well exceed the Odoo call timeout, which bounds one call.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many tenant drains one host runs at once (its drain slots); a seventh of it is the most
    /// tenants one tick trigger carries (<c>SchedulerThreads.TenantsPerTrigger</c>). A drain spends almost all its time waiting on its tenant's Odoo,
    /// asynchronously and holding no database connection, so hundreds cost little; what one Odoo
    /// server receives is bounded by <c>MaxCallsPerOdooServer</c> instead. The drains of a tick
    /// run in waves of this many, each about one tenant's chain of Odoo calls long, so fewer waves
    /// finish sooner: in the 1,000-tenant tick at 150 ms per Odoo call (a host warmed up by four
    /// ticks, the GC conserving memory), 640 took 6.0 s at a 347 MiB peak where 384 took 7.5 and
    /// 8.2 s; 768 took 6.1 s at 362 MiB and 1,000 5.7 s at 397 MiB (docs/benchmarks.md).
    /// </summary>
    public int MaxConcurrentDrains { get; set; } = 640;

    /// <summary>
    /// How often an idle host looks for triggers to run. Quartz tells only the host that stored a
    /// trigger; the other hosts of the cluster see it at their next look, so this bounds how soon
    /// they join a tick's drains. At least one second (Quartz's minimum).
    /// </summary>
    public TimeSpan SchedulerIdleWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long Quartz waits before trying the database again after a failure that was not transient
    /// (Quartz's <c>DbRetryInterval</c>, 15 s by default there): after a PostgreSQL restart the
    /// schedule resumes within about this long. Each try is one connection attempt.
    /// </summary>
    public TimeSpan SchedulerDbRetryInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a host tells the cluster it is alive; a silent host's triggers move to others after about twice this.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How soon after a committed change its tenant's drain runs. Changes within one such window
    /// share one drain, and repeated edits of a pending row become one push of its latest state.
    /// </summary>
    public TimeSpan ImmediateDrainDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Whether a tenant's first creates wait for the operator ("awaiting adoption") when its Odoo
    /// already has <c>pos.config</c> records no register owns (beyond the template and ignored
    /// records), instead of creating duplicates of them.
    /// </summary>
    public bool HoldCreatesForAdoption { get; set; } = true;

    /// <summary>When the oldest due row has waited longer than this, /health reports the queue as degraded.</summary>
    public TimeSpan DueAgeWarning { get; set; } = TimeSpan.FromMinutes(10);
}
