namespace NixCafe.OdooSync.Features.ManageConnection;

/// <summary>Which Odoo hosts a connection may name (<c>NixCafe:OdooSync:AllowedHosts</c>); empty allows any.</summary>
public sealed class OdooUrlOptions
{
    public string[] AllowedHosts { get; set; } = [];
}
