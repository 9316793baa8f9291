using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>Which Odoo the fake is being, and what that changes in how it answers.</summary>
internal sealed record FakeOdooVersion
{
    public FakeOdooVersion(int version, bool jsonRpc)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 16);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(version, 19);
        if (!jsonRpc && version != 19)
        {
            // Only Odoo 20, which the fake plays as a 19 without /jsonrpc, drops it.
            throw new ArgumentOutOfRangeException(nameof(jsonRpc), "only version 19 can be served without /jsonrpc");
        }

        Number = version;
        JsonRpc = jsonRpc;
    }

    public int Number { get; }

    public bool JsonRpc { get; }

    public string Serie => $"{Number}.0";

    /// <summary>Since 17 a cash payment method belongs to one point of sale only.</summary>
    public bool CashMethodPerConfig => Number >= 17;

    public bool PricelistRequired => Number == 16;

    public bool CurrencyStored => Number >= 19;

    public bool ServesJson2 => Number >= 19;

    /// <summary>18 has /json routes only behind its web login: it redirects there.</summary>
    public bool RedirectsJsonToLogin => Number == 18;

    /// <summary><c>error.code</c> of a /jsonrpc error envelope.</summary>
    public int JsonRpcErrorCode => Number >= 19 ? 0 : 200;

    public JsonArray VersionInfo() => new(Number, 0, 0, "final", 0, "");
}
