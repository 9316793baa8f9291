using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// One model method call, whatever the transport: /jsonrpc passes <see cref="Positional"/> in
/// order and <see cref="Keyword"/> as kwargs; /json/2 passes every argument by its name.
/// </summary>
internal sealed record OdooCall(string Model, string Method, IReadOnlyList<KeyValuePair<string, JsonNode?>> Positional, IReadOnlyList<KeyValuePair<string, JsonNode?>> Keyword)
{
    public static OdooCall FieldsGet(string model, params string[] attributes) =>
        new(model, "fields_get", [], [Argument("attributes", Strings(attributes))]);

    public static OdooCall SearchRead(string model, JsonArray domain, IEnumerable<string> fields, string order, int? limit = null) =>
        new(model, "search_read", [Argument("domain", domain)],
            limit is { } most
                ? [Argument("fields", Strings(fields)), Argument("order", order), Argument("limit", most)]
                : [Argument("fields", Strings(fields)), Argument("order", order)]);

    /// <summary>
    /// A <c>search_read</c> that sees archived records too (<c>context: {active_test: false}</c>,
    /// <c>docs/odoo-protocol.md</c>): what a drift check reads, where an archived record is a finding, not a gap.
    /// </summary>
    public static OdooCall SearchReadWithArchived(string model, JsonArray domain, IEnumerable<string> fields, string order) =>
        new(model, "search_read", [Argument("domain", domain)],
            [Argument("fields", Strings(fields)), Argument("order", order), Argument("context", new JsonObject { ["active_test"] = false })]);

    /// <summary>Odoo's batched upsert: every cell a string; rows keyed by an <c>id</c> column are idempotent.</summary>
    public static OdooCall Load(string model, JsonArray fields, JsonArray rows) =>
        new(model, "load", [Argument("fields", fields), Argument("data", rows)], []);

    /// <summary>Whether the API user may do <paramref name="operation"/> on <paramref name="model"/>: answers false instead of raising.</summary>
    public static OdooCall CheckAccessRights(string model, string operation) =>
        new(model, "check_access_rights", [Argument("operation", operation)], [Argument("raise_exception", false)]);

    private static KeyValuePair<string, JsonNode?> Argument(string name, JsonNode? value) => new(name, value);

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(value => (JsonNode)value).ToArray());
}
