using NixCafe.Shared.Domain;

namespace NixCafe.OdooSync.Persistence;

/// <summary>
/// One disagreement the tenant's last drift check found (<c>odoo_sync.drift_findings</c>): the
/// check replaces a tenant's findings with what it sees, so a finding clears itself once the two
/// sides agree. <see cref="RegisterId"/> is null for a record no register owns.
/// </summary>
internal sealed class DriftFinding : ITenantOwned
{
    public Guid TenantId { get; set; }

    public int OdooPosConfigId { get; set; }

    public Guid? RegisterId { get; set; }

    /// <summary>One of <see cref="Domain.DriftKind"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The record's name in Odoo (null when it is deleted).</summary>
    public string? OdooName { get; set; }

    public bool? OdooActive { get; set; }

    /// <summary>When a check first saw this disagreement (kept while later checks still see it).</summary>
    public DateTimeOffset FoundAt { get; set; }
}
