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
}
