using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>A model's field as <c>fields_get</c> describes it; <paramref name="Selection"/> maps a selection field's values to their labels.</summary>
internal sealed record FakeField(
    string Name, string Type, string Label, string? Relation = null, bool Required = false, bool ReadOnly = false, bool Store = true,
    IReadOnlyDictionary<string, string>? Selection = null)
{
    public static readonly FakeField Id = new("id", "integer", "ID", ReadOnly: true);

    public static readonly FakeField DisplayName = new("display_name", "char", "Display Name", ReadOnly: true, Store: false);

    /// <summary>create, write and load silently ignore what the server computes.</summary>
    public bool Writable => Store && !ReadOnly;

    public bool IsRelational => Type is "many2one" or "many2many";

    /// <summary>The description, limited to <paramref name="attributes"/> when some are asked for.</summary>
    public JsonObject Describe(IReadOnlyCollection<string> attributes)
    {
        var description = new JsonObject
        {
            ["type"] = Type,
            ["string"] = Label,
            ["required"] = Required,
            ["readonly"] = ReadOnly,
            ["store"] = Store,
        };
        if (Relation is not null)
        {
            description["relation"] = Relation;
        }

        if (Selection is not null)
        {
            description["selection"] = new JsonArray(Selection.Select(option => (JsonNode)new JsonArray(option.Key, option.Value)).ToArray());
        }

        foreach (var name in description.Select(pair => pair.Key).Where(name => attributes.Count > 0 && !attributes.Contains(name)).ToList())
        {
            description.Remove(name);
        }

        return description;
    }
}
