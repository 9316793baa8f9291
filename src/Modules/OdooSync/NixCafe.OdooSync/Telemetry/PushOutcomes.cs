namespace NixCafe.OdooSync.Telemetry;

/// <summary>
/// The <c>outcome</c> of <c>nixcafe.odoo_sync.pushes</c>: one per register a drain pushed or tried
/// to push, exclusive, and of <c>nixcafe.odoo_sync.dead_letters</c>' <c>reason</c>.
/// </summary>
public static class PushOutcomes
{
    /// <summary>Odoo made the register's records, and the row is synced.</summary>
    public const string Created = "created";

    /// <summary>Odoo took the rename or (de)activation, and the row is synced.</summary>
    public const string Updated = "updated";

    /// <summary>Odoo took the push, but the register changed during the flight: back to pending_update.</summary>
    public const string Requeued = "requeued";

    /// <summary>Odoo took the push, but the drain's lease had run out or the row's state had moved: nothing recorded.</summary>
    public const string NotRecorded = "not_recorded";

    public const string FailedTransient = "failed_transient";

    public const string FailedRecord = "failed_record";

    /// <summary>A failure the tenant must fix (credentials, rights, database): the drain stops, no retry spent.</summary>
    public const string FailedTenant = "failed_tenant";

    /// <summary>Dead-letter reason: the fifth transient failure.</summary>
    public const string RetriesExhausted = "retries_exhausted";

    /// <summary>Dead-letter reason: Odoo refused the payload.</summary>
    public const string Refused = "refused";
}
