using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>
/// One call the fake received. Over /jsonrpc (<see cref="Transport"/> "jsonrpc"),
/// <see cref="Service"/> and <see cref="Method"/> are the JSON-RPC ones (common/authenticate,
/// object/execute_kw) and <see cref="Arguments"/> is <c>params.args</c>. Over /json/2
/// ("json2"), Service is "json2", Method the model method and Arguments the request body;
/// <c>GET /json/version</c> is Service "json", Method "version". <see cref="Uid"/> is the uid an
/// execute_kw names, or the user whose key authenticated a /json/2 call.
/// </summary>
public sealed record FakeOdooCall(
    string Transport, string Service, string Method, string? Model, string? ModelMethod, JsonNode Arguments, int? Uid, string? Caller, DateTimeOffset At)
{
    public const string JsonRpc = "jsonrpc";
    public const string Json2 = "json2";

    /// <summary>The local address the call came in on: which tenant's server it was, on a fake started on every loopback address.</summary>
    public string? Server { get; init; }

    /// <summary>The W3C <c>traceparent</c> header the call came with, if any: Odoo reads none.</summary>
    public string? TraceParent { get; init; }

    /// <summary>The columns of a <c>load</c>, whichever transport carried it.</summary>
    public JsonArray? LoadFields => ModelMethod == "load" ? Argument("fields", 0) as JsonArray : null;

    /// <summary>The rows of a <c>load</c>, whichever transport carried it.</summary>
    public JsonArray? LoadRows => ModelMethod == "load" ? Argument("data", 1) as JsonArray : null;

    /// <summary>Whether the call asks for archived records too (<c>context: {active_test: false}</c>), whichever transport carried it.</summary>
    public bool SeesArchived => Argument("context") is JsonObject { } context && context["active_test"] is JsonValue test && test.TryGetValue<bool>(out var active) && !active;

    /// <summary>The records a <c>write</c> changes.</summary>
    internal JsonArray? WriteIds => ModelMethod == "write" ? Argument("ids", 0) as JsonArray : null;

    // A model method's argument: by name in a /json/2 body; in execute_kw, by position in its args (where it may be given there) or by name in its kwargs.
    private JsonNode? Argument(string name, int? position = null)
    {
        if (Transport == Json2)
        {
            return (Arguments as JsonObject)?[name];
        }

        var executeKw = Arguments as JsonArray;
        return (position is { } at ? (executeKw?.ElementAtOrDefault(5) as JsonArray)?.ElementAtOrDefault(at) : null)
            ?? (executeKw?.ElementAtOrDefault(6) as JsonObject)?[name];
    }
}
