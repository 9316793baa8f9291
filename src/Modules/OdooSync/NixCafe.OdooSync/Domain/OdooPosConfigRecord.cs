namespace NixCafe.OdooSync.Domain;

/// <summary>A <c>pos.config</c> as a drift check read it back from the tenant's Odoo.</summary>
internal sealed record OdooPosConfigRecord(int Id, string Name, bool Active);
