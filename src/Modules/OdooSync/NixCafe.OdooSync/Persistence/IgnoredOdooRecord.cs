using NixCafe.Shared.Domain;

namespace NixCafe.OdooSync.Persistence;

/// <summary>A <c>pos.config</c> no register owns that the operator told the drift check to stop reporting (e.g. the template).</summary>
internal sealed class IgnoredOdooRecord : ITenantOwned
{
    public Guid TenantId { get; set; }

    public int OdooPosConfigId { get; set; }

    public DateTimeOffset IgnoredAt { get; set; }
}
