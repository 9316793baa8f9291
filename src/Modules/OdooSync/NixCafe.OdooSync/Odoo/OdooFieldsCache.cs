using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// The writable clone fields of each connection, learnt from <c>fields_get</c> once per
/// connection settings: a changed connection (another URL, database or key) is asked again.
/// </summary>
internal sealed class OdooFieldsCache
{
    private readonly ConcurrentDictionary<string, CloneFields> _fields = new();

    public async Task<CloneFields> GetAsync(OdooConnectionSettings settings, IOdooClient odoo, CancellationToken cancellationToken)
    {
        var key = OdooSessionCache.KeyOf(settings);
        if (_fields.TryGetValue(key, out var known))
        {
            return known;
        }

        var described = await odoo.ExecuteKwAsync(PosConfigPayload.Model, "fields_get", [], new JsonObject { ["attributes"] = new JsonArray("type", "relation", "required", "readonly", "store") }, cancellationToken);
        var fields = PosConfigPayload.Writable(described as JsonObject ?? []);
        _fields[key] = fields;
        return fields;
    }
}
