using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// Rows of one model sent to Odoo in one <c>load</c>, and what Odoo made of each (its reply read
/// by <see cref="LoadReply"/>). Odoo's
/// <c>load</c> is all-or-nothing (<c>docs/odoo-protocol.md</c>): when its reply names bad rows,
/// those fail with their own message and the others are sent once more without them; a refusal
/// of the whole batch, or one that names no row, falls back to one row per call, so one bad row
/// never holds the others back. A transport failure fails them all at once: Odoo is down.
/// </summary>
/// <param name="stillHeld">Called right before each call with the rows about to go: answers those still to be sent (the caller's lease may have run out on some).</param>
/// <param name="failed">Called as soon as rows fail, before any further call: the caller records the failure (and may stop the whole load by throwing).</param>
internal sealed class BatchLoad<TRow>(
    IOdooClient odoo,
    Func<IReadOnlyList<TRow>, Task<IReadOnlyList<TRow>>> stillHeld,
    Func<IReadOnlyList<TRow>, OdooException, Task> failed)
{
    /// <summary>Loads <paramref name="rows"/> (each with its cells, in <paramref name="columns"/>' order) and answers those Odoo took, with the database id of each record.</summary>
    public async Task<List<(TRow Row, int OdooId)>> LoadAsync(string model, JsonArray columns, IReadOnlyList<(TRow Row, JsonArray Cells)> rows, CancellationToken cancellationToken)
    {
        var remaining = rows;
        for (var attempt = 0; attempt < 2 && remaining.Count > 0; attempt++)
        {
            remaining = await StillHeldAsync(remaining);
            if (remaining.Count == 0)
            {
                break;
            }

            JsonObject? reply;
            try
            {
                reply = await LoadOnceAsync(model, columns, remaining, cancellationToken);
            }
            catch (OdooException failure) when (failure.Kind == OdooErrorKind.Record && remaining.Count > 1)
            {
                return await OneByOneAsync(model, columns, remaining, cancellationToken);
            }
            catch (OdooException failure)
            {
                await failed(remaining.Select(row => row.Row).ToList(), failure);
                return [];
            }

            var loaded = LoadReply.Read(reply, remaining.Count);
            if (loaded.Ids is { } ids)
            {
                return remaining.Zip(ids, (row, id) => (row.Row, id)).ToList();
            }

            if (loaded.RefusedRows.Count == 0)
            {
                if (loaded.Failure.Kind == OdooErrorKind.Transient || remaining.Count == 1)
                {
                    await failed(remaining.Select(row => row.Row).ToList(), loaded.Failure);
                    return [];
                }

                return await OneByOneAsync(model, columns, remaining, cancellationToken);
            }

            foreach (var (index, failure) in loaded.RefusedRows)
            {
                await failed([remaining[index].Row], failure);
            }

            remaining = remaining.Where((_, index) => !loaded.RefusedRows.ContainsKey(index)).ToList();
        }

        // The resend was refused too: what is left goes one row per call.
        return remaining.Count == 0 ? [] : await OneByOneAsync(model, columns, remaining, cancellationToken);
    }

    /// <summary>
    /// One <c>load</c> of the rows' cells. The cells are the data array's items only for the call
    /// (a JSON node has one parent), so a resend can take the same cells again without copying them.
    /// </summary>
    private async Task<JsonObject?> LoadOnceAsync(string model, JsonArray columns, IReadOnlyList<(TRow Row, JsonArray Cells)> rows, CancellationToken cancellationToken)
    {
        var data = new JsonArray(rows.Select(row => (JsonNode)row.Cells).ToArray());
        try
        {
            return await odoo.CallAsync(OdooCall.Load(model, columns, data), cancellationToken) as JsonObject;
        }
        finally
        {
            data.Clear();
        }
    }

    private async Task<List<(TRow Row, int OdooId)>> OneByOneAsync(string model, JsonArray columns, IReadOnlyList<(TRow Row, JsonArray Cells)> rows, CancellationToken cancellationToken)
    {
        var taken = new List<(TRow Row, int OdooId)>();
        foreach (var row in rows)
        {
            if ((await StillHeldAsync([row])).Count == 0)
            {
                continue;
            }

            try
            {
                var loaded = LoadReply.Read(await LoadOnceAsync(model, columns, [row], cancellationToken), 1);
                if (loaded.Ids is [var id])
                {
                    taken.Add((row.Row, id));
                }
                else
                {
                    await failed([row.Row], loaded.Failure);
                }
            }
            catch (OdooException failure)
            {
                await failed([row.Row], failure);
            }
        }

        return taken;
    }

    private async Task<IReadOnlyList<(TRow Row, JsonArray Cells)>> StillHeldAsync(IReadOnlyList<(TRow Row, JsonArray Cells)> rows)
    {
        var held = (await stillHeld(rows.Select(row => row.Row).ToList())).ToHashSet();
        return rows.Where(row => held.Contains(row.Row)).ToList();
    }

    /// <summary>
    /// What Odoo's <c>load</c> answered for some rows (<c>docs/odoo-protocol.md</c>): the ids of the
    /// records it wrote, one per row, when it took them all; else the rows its messages name (0-based),
    /// each with its reason, and the reason the whole load wrote nothing. A serialization conflict
    /// (two transactions on Odoo's database at once) is worth retrying; any other message is the row's.
    /// </summary>
    private sealed record LoadReply(IReadOnlyList<int>? Ids, IReadOnlyDictionary<int, OdooException> RefusedRows, OdooException Failure)
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
}
