namespace NixCafe.OdooSync.Odoo;

/// <summary>What a tenant's Odoo server is, as found by asking it: its version and the transport used with it.</summary>
public sealed record OdooServerInfo(string Version, string Transport);
