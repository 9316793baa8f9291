using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// What Odoo's <c>load</c> answered for some rows (<c>docs/odoo-protocol.md</c>): the ids of the
/// records it wrote, one per row, when it took them all; else the rows its messages name (0-based),
/// each with its reason, and the reason the whole load wrote nothing. A serialization conflict
/// (two transactions on Odoo's database at once) is worth retrying; any other message is the row's.
/// </summary>
internal sealed record LoadReply(IReadOnlyList<int>? Ids, IReadOnlyDictionary<int, OdooException> RefusedRows, OdooException Failure)
{
    public static LoadReply Read(JsonObject? reply, int rowCount)
    {
        var ids = reply?["ids"] is JsonArray written && written.Count == rowCount
            ? written.Select(id => id!.GetValue<int>()).ToList()
            : null;
        var messages = (reply?["messages"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var refused = new Dictionary<int, OdooException>();
        foreach (var message in messages)
        {
            if (message["record"] is JsonValue record && record.TryGetValue<int>(out var index) && index >= 0 && index < rowCount && !refused.ContainsKey(index))
            {
                refused[index] = MessageError(message);
            }
        }

        // A load that wrote nothing: its first message is the reason.
        var failure = messages.Count > 0
            ? MessageError(messages[0])
            : new OdooException(OdooErrorKind.Record, "load", "Odoo's load wrote nothing and said nothing");
        return new LoadReply(ids, refused, failure);
    }

    private static OdooException MessageError(JsonObject message)
    {
        var text = message["message"]?.GetValue<string>() ?? "no message";
        return text.Contains("could not serialize access", StringComparison.Ordinal)
            ? new OdooException(OdooErrorKind.Transient, "SerializationConflict", text)
            : new OdooException(OdooErrorKind.Record, $"load({message["field"]?.GetValue<string>() ?? "row"})", text);
    }
}
