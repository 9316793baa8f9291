namespace NixCafe.OdooSync.Odoo;

/// <summary>What a host has learnt of one tenant's Odoo server; each part is asked once and kept until the server seems to change.</summary>
internal sealed record OdooServerProfile
{
    /// <summary>The version and the transport chosen for it.</summary>
    public OdooServerInfo? Server { get; init; }

    /// <summary>The pos.config fields a new register copies, as <c>fields_get</c> describes them.</summary>
    public CloneFields? Fields { get; init; }
}
