using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// A request's JSON written straight from the call's nodes, which a new tree could hold only as
/// copies (a node has one parent): every argument of every call used to be copied. Written once,
/// the same bytes go again when a 429 asks for the request again, and with their length.
/// </summary>
internal static class OdooRequestBody
{
    public static ReadOnlyMemory<byte> Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenMemory;
    }

    /// <summary>An object of the arguments, each by its name: /jsonrpc's kwargs, /json/2's whole body.</summary>
    public static void WriteArguments(this Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, JsonNode?>> arguments)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in arguments)
        {
            writer.WritePropertyName(name);
            writer.WriteNode(value);
        }

        writer.WriteEndObject();
    }

    public static void WriteNode(this Utf8JsonWriter writer, JsonNode? node)
    {
        if (node is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            node.WriteTo(writer);
        }
    }
}
