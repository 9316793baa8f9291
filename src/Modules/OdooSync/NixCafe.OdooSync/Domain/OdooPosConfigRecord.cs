using System.Text.Json.Nodes;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.OdooSync.Domain;

/// <summary>A <c>pos.config</c> as a drift check (or a look for records to adopt) read it back from the tenant's Odoo.</summary>
internal sealed record OdooPosConfigRecord(int Id, string Name, bool Active)
{
    /// <summary>Rows as <c>search_read</c> answers them (<c>docs/odoo-protocol.md</c>): <c>{"id", "name", "active"}</c>.</summary>
    public static List<OdooPosConfigRecord> FromSearchRead(JsonNode? reply) =>
        (reply as JsonArray ?? throw new OdooException(OdooErrorKind.Transient, "NotSearchRead", "Odoo's search_read of pos.config did not answer a list"))
        .OfType<JsonObject>()
        .Select(row => new OdooPosConfigRecord(
            row["id"]!.GetValue<int>(),
            row["name"] is JsonValue name && name.TryGetValue<string>(out var text) ? text : "",
            row["active"] is JsonValue active && active.TryGetValue<bool>(out var flag) && flag))
        .ToList();
}
