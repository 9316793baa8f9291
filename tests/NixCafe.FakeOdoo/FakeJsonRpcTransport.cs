using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace NixCafe.FakeOdoo;

/// <summary>
/// Odoo's JSON-RPC endpoint, <c>POST /jsonrpc</c>, as a real server answers it: always HTTP 200
/// with a result or an error envelope classified by <c>data.name</c>, bad credentials answered
/// with <c>false</c>, and an HTML page for anything that is not a JSON-RPC call.
/// </summary>
internal sealed class FakeJsonRpcTransport(FakeOdooDatabase database) : FakeTransport
{
    public const string Path = "/jsonrpc";

    public override async Task<FakeRequest?> ReadAsync(HttpContext context)
    {
        JsonObject request;
        try
        {
            if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.HasJsonContentType())
            {
                throw new JsonException();
            }

            request = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?.AsObject() ?? throw new JsonException();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            await FakeHttp.HtmlAsync(context, StatusCodes.Status400BadRequest, "400 Bad Request");
            return null;
        }

        var parameters = request["params"] as JsonObject ?? [];
        var service = Text(parameters["service"]) ?? "";
        var method = Text(parameters["method"]) ?? "";
        var args = parameters["args"] as JsonArray ?? [];
        var isObject = service == "object";
        var call = new FakeOdooCall(FakeOdooCall.JsonRpc, service, method,
            isObject ? Text(args.ElementAtOrDefault(3)) : null, isObject ? Text(args.ElementAtOrDefault(4)) : null,
            args.DeepClone(), isObject ? Number(args.ElementAtOrDefault(1)) : null, CallerOf(context), DateTimeOffset.UtcNow);
        return new FakeRequest(call, () => CarryOut(service, method, args), request["id"]?.DeepClone());
    }

    public override Task AnswerAsync(HttpContext context, FakeRequest request, JsonNode? result)
    {
        var reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = request.RpcId?.DeepClone() };
        // A method that returns nothing gives a reply with no result at all.
        if (result is not null)
        {
            reply["result"] = result;
        }

        return FakeHttp.JsonAsync(context, StatusCodes.Status200OK, reply);
    }

    public override Task FailAsync(HttpContext context, FakeRequest request, FakeRpcException error) => FakeHttp.JsonAsync(context, StatusCodes.Status200OK, new JsonObject
    {
        ["jsonrpc"] = "2.0",
        ["id"] = request.RpcId?.DeepClone(),
        ["error"] = new JsonObject
        {
            ["code"] = database.Version.JsonRpcErrorCode,
            ["message"] = "Odoo Server Error",
            ["data"] = new JsonObject
            {
                ["name"] = error.OdooName,
                ["debug"] = Traceback(error.OdooName, error.Message),
                ["message"] = error.Message,
                ["arguments"] = new JsonArray(error.Message),
                ["context"] = new JsonObject(),
            },
        },
    });

    private static int? Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    private JsonNode? CarryOut(string service, string method, JsonArray args)
    {
        string Argument(int index) => Text(args.ElementAtOrDefault(index)) ?? "";

        switch (service, method)
        {
            case ("common", "version"):
                var version = database.Version;
                return new JsonObject
                {
                    ["server_version"] = version.Serie,
                    ["server_version_info"] = version.VersionInfo(),
                    ["server_serie"] = version.Serie,
                    ["protocol_version"] = 1,
                };
            case ("common", "login"):
            case ("common", "authenticate"):
                if (method == "authenticate" && args.Count < 4)
                {
                    throw FakeRpcException.TypeError("authenticate() missing 1 required positional argument: 'user_agent_env'");
                }

                RequireDatabase(Argument(0));
                // Bad credentials are not an error: the answer is false.
                return database.Atomically(() => database.Authenticate(Argument(1), Argument(2))) is { } uid ? (JsonNode)uid : false;
            case ("object", "execute_kw"):
                RequireDatabase(Argument(0));
                var positional = args.ElementAtOrDefault(5) as JsonArray ?? [];
                var keywords = args.ElementAtOrDefault(6) as JsonObject ?? [];
                return database.Atomically(() => Number(args.ElementAtOrDefault(1)) is { } user && database.IsUser(user, Argument(2))
                    ? database.Call(new FakeModelCall(Argument(3), Argument(4), positional, keywords, user, AllByName: false))
                    : throw FakeRpcException.AccessDenied());
            default:
                throw new FakeRpcException("builtins.AttributeError", $"'{service}' service has no method '{method}'");
        }
    }

    private static void RequireDatabase(string database)
    {
        if (database != FakeOdooServer.DatabaseName)
        {
            throw new FakeRpcException("psycopg2.OperationalError", $"FATAL:  database \"{database}\" does not exist");
        }
    }
}
