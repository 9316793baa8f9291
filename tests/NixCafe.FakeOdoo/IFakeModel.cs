using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>A model as the database reaches it: by name, for calls and for the records other models point at.</summary>
internal interface IFakeModel
{
    string Name { get; }

    JsonNode? Call(string method, IReadOnlyDictionary<string, JsonNode?> arguments, int uid);

    bool Exists(int id);

    string DisplayName(int id);
}
