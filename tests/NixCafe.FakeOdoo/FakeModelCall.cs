using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>
/// A model method call as a transport delivers it, for the database to answer alike:
/// /jsonrpc by position (execute_kw's args) plus keywords (its kwargs), /json/2 all by name.
/// </summary>
internal sealed record FakeModelCall(string Model, string Method, JsonArray Positional, JsonObject Keywords, int Uid, bool AllByName)
{
    /// <summary>
    /// The arguments by parameter name (and <c>context</c>), or the error Odoo answers a call
    /// that does not fit the method: a TypeError from Python, or a 422 from /json/2's own check.
    /// </summary>
    public IReadOnlyDictionary<string, JsonNode?> Bind(FakeMethodSignature signature)
    {
        if (Positional.Count > signature.Parameters.Length)
        {
            throw FakeRpcException.TypeError($"{Method}() takes {signature.Parameters.Length} positional arguments but {Positional.Count} were given");
        }

        var bound = signature.Parameters.Zip(Positional).ToDictionary(pair => pair.First, pair => pair.Second);
        foreach (var (name, value) in Keywords)
        {
            if (name != "context" && !signature.Parameters.Contains(name))
            {
                // /json/2 checks the names against the signature itself, except those a method passes on.
                throw AllByName && (name == "ids" || !signature.TakesMoreKeywords)
                    ? new FakeRpcException("werkzeug.exceptions.UnprocessableEntity", $"{Method}() got an unexpected keyword argument '{name}'")
                    : FakeRpcException.TypeError($"{Method}() got an unexpected keyword argument '{name}'");
            }

            if (!bound.TryAdd(name, value))
            {
                throw FakeRpcException.TypeError($"{Method}() got multiple values for argument '{name}'");
            }
        }

        if (signature.Required.FirstOrDefault(name => !bound.ContainsKey(name)) is { } missing)
        {
            throw FakeRpcException.TypeError($"{Method}() missing 1 required positional argument: '{missing}'");
        }

        return bound;
    }
}
