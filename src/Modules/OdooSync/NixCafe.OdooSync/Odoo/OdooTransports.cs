namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// How NixCafe talks to a tenant's Odoo; a connection names one of these, or lets the host choose.
/// Which Odoo version answers which, as measured: <c>docs/odoo-protocol.md</c>.
/// </summary>
public static class OdooTransports
{
    /// <summary>Ask the server: /json/2 where <c>GET /json/version</c> answers (Odoo 19 and later), else /jsonrpc.</summary>
    public const string Auto = "auto";

    /// <summary>The JSON-RPC endpoint of Odoo 16 to 19 (removed in Odoo 20): login once, then the uid and key on every call.</summary>
    public const string JsonRpc = "jsonrpc";

    /// <summary>Odoo 19's /json/2: the API key alone authenticates each call.</summary>
    public const string JsonTwo = "json2";

    public static readonly IReadOnlyList<string> All = [Auto, JsonRpc, JsonTwo];
}
