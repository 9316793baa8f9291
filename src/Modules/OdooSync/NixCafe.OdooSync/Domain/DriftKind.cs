namespace NixCafe.OdooSync.Domain;

/// <summary>
/// How a tenant's Odoo disagrees with NixCafe about one <c>pos.config</c>
/// (<c>odoo_sync.drift_findings.kind</c>; the database's check constraint allows exactly these).
/// </summary>
internal static class DriftKind
{
    /// <summary>Odoo's record has another name than the register.</summary>
    public const string Renamed = "renamed";

    /// <summary>The register is active, Odoo's record archived.</summary>
    public const string Archived = "archived";

    /// <summary>The register is inactive, Odoo's record active again.</summary>
    public const string Unarchived = "unarchived";

    /// <summary>The register's record is gone from Odoo.</summary>
    public const string Deleted = "deleted";

    /// <summary>A <c>pos.config</c> in Odoo that no register owns: reported, never touched.</summary>
    public const string Unknown = "unknown";
}
