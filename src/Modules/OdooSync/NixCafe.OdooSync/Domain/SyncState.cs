namespace NixCafe.OdooSync.Domain;

/// <summary>
/// Where a register stands with its tenant's Odoo (<c>cafe.pos_configs.sync_state</c>; the
/// database's check constraint allows exactly these). <see cref="RegisterSync"/> says how a
/// register moves between them.
/// </summary>
internal static class SyncState
{
    /// <summary>Odoo has the register as NixCafe has it (or the tenant has no Odoo: a Starter tenant).</summary>
    public const string Synced = "synced";

    /// <summary>Odoo does not have the register yet: a drain creates it (with the latest name and flag).</summary>
    public const string PendingCreate = "pending_create";

    /// <summary>Odoo has the register, but not its latest name or active flag.</summary>
    public const string PendingUpdate = "pending_update";

    /// <summary>Dead-lettered: no drain tries it until someone requeues it (or changes it).</summary>
    public const string SyncError = "sync_error";

    /// <summary>
    /// A create held back because the tenant's Odoo already has <c>pos.config</c> records no
    /// register owns: no drain creates it until an operator links it to one of them or releases it.
    /// </summary>
    public const string AwaitingAdoption = "awaiting_adoption";

    /// <summary>The states a drain pushes from.</summary>
    public static readonly IReadOnlyList<string> Pending = [PendingCreate, PendingUpdate];
}
