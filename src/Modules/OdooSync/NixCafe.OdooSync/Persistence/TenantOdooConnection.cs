using NixCafe.Shared.Domain;

namespace NixCafe.OdooSync.Persistence;

/// <summary>A tenant's Odoo connection. The API key is stored only encrypted; see <see cref="OdooKeyProtector"/>.</summary>
internal sealed class TenantOdooConnection : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string BaseUrl { get; set; } = "";

    public string Database { get; set; } = "";

    public string Login { get; set; } = "";

    public string ApiKeyProtected { get; set; } = "";

    /// <summary>One of <see cref="Odoo.OdooTransports"/>: the operator's choice, or auto.</summary>
    public string Transport { get; set; } = Odoo.OdooTransports.Auto;

    public bool Enabled { get; set; }

    /// <summary>False after a tenant-level error (bad credentials, no rights…): the drain skips the tenant until it is fixed or re-tested.</summary>
    public bool Healthy { get; set; }

    public string? LastError { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Set while an operator has paused the tenant's sync (see <see cref="Domain.SyncPause"/>).</summary>
    public DateTimeOffset? PausedAt { get; set; }

    public string? PausedBy { get; set; }

    public string? PauseReason { get; set; }

    /// <summary>One of <see cref="Domain.DriftPolicy"/>.</summary>
    public string DriftPolicy { get; set; } = Domain.DriftPolicy.Report;

    /// <summary>When a drain last recorded a push Odoo took (set by the outcome statement itself).</summary>
    public DateTimeOffset? LastPushedAt { get; set; }

    public DateTimeOffset? LastDriftCheckAt { get; set; }

    /// <summary>Why the last drift check could not finish (Odoo down, refused…); null when it did.</summary>
    public string? LastDriftCheckError { get; set; }

    /// <summary>Until when a drift check holds the tenant (database clock), so two never run at once.</summary>
    public DateTimeOffset? DriftCheckLeasedUntil { get; set; }

    public Domain.SyncPause Pause => new(PausedAt, PausedBy, PauseReason);
}
