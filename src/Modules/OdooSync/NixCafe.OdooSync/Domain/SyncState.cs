namespace NixCafe.OdooSync.Domain;

/// <summary>
/// Where a register stands with its tenant's Odoo (<c>cafe.pos_configs.sync_state</c>; the
/// database's check constraint allows exactly these).
/// </summary>
internal static class SyncState
{
    public const string Synced = "synced";
    public const string PendingCreate = "pending_create";
    public const string PendingUpdate = "pending_update";
    public const string SyncError = "sync_error";
}
