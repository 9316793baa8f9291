using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace NixCafe.FakeOdoo;

/// <summary>
/// Odoo 19's <c>POST /json/2/&lt;model&gt;/&lt;method&gt;</c> and <c>GET /json/version</c> as a
/// real server answers them: a bearer API key on every call, arguments by name, the bare result
/// on 200, otherwise a real HTTP status with Odoo's JSON error body; a database it does not
/// serve is an HTML 404 page.
/// </summary>
internal sealed class FakeJson2Transport(FakeOdooDatabase database) : FakeTransport
{
    public const string VersionPath = "/json/version";
    public const string CallPath = "/json/2/";
    private const string Unauthorized = "werkzeug.exceptions.Unauthorized";
    private const string NotFound = "werkzeug.exceptions.NotFound";
    private const string NotFoundMessage =
        "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";

    public override async Task<FakeRequest?> ReadAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (path == VersionPath)
        {
            // Answered without a key: a client asks it to learn which API this server has.
            var probe = new FakeOdooCall(FakeOdooCall.Json2, "json", "version", null, null, new JsonObject(), null, CallerOf(context), DateTimeOffset.UtcNow);
            return new FakeRequest(probe, () => new JsonObject { ["version_info"] = database.Version.VersionInfo(), ["version"] = database.Version.Serie });
        }

        if (!HttpMethods.IsPost(context.Request.Method) || path[CallPath.Length..].Split('/') is not [var model, var method])
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, NotFound, NotFoundMessage);
            return null;
        }

        var named = context.Request.Headers["X-Odoo-Database"].ToString();
        if (named.Length > 0 && named != FakeOdooServer.DatabaseName)
        {
            await FakeHttp.NotFoundPageAsync(context);
            return null;
        }

        if (!context.Request.HasJsonContentType())
        {
            await FakeHttp.HtmlAsync(context, StatusCodes.Status415UnsupportedMediaType, "415 Unsupported Media Type");
            return null;
        }

        JsonObject body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "werkzeug.exceptions.BadRequest",
                "400 Bad Request: The browser (or proxy) sent a request that this server could not understand.");
            return null;
        }

        var key = BearerKey(context);
        var uid = key is null ? null : database.Atomically(() => database.UidOfKey(key));
        var call = new FakeOdooCall(FakeOdooCall.Json2, FakeOdooCall.Json2, method, model, method, body.DeepClone(), uid, CallerOf(context), DateTimeOffset.UtcNow);
        return new FakeRequest(call, () => CarryOut(model, method, body, key, uid));
    }

    public override Task AnswerAsync(HttpContext context, FakeRequest request, JsonNode? result) =>
        FakeHttp.JsonAsync(context, StatusCodes.Status200OK, result);

    public override Task FailAsync(HttpContext context, FakeRequest request, FakeRpcException error) => error.IsUnknownRoute
        ? ErrorAsync(context, StatusCodes.Status404NotFound, NotFound, NotFoundMessage)
        // Python's KeyError reaches a /json/2 client as a ValueError.
        : ErrorAsync(context, StatusOf(error.OdooName), error.OdooName == "builtins.KeyError" ? "builtins.ValueError" : error.OdooName, error.Message);

    private JsonNode? CarryOut(string model, string method, JsonObject body, string? key, int? uid)
    {
        if (uid is null)
        {
            throw new FakeRpcException(Unauthorized, key is null ? "User not authenticated, use an API Key with a Bearer Authorization header." : "Invalid apikey");
        }

        var result = database.Atomically(() => database.Call(new FakeModelCall(model, method, [], body, uid.Value, AllByName: true)));
        // A recordset answers as its ids, even one record's.
        return method == "create" && result is JsonValue id ? new JsonArray(id) : result;
    }

    private static int StatusOf(string name) => name switch
    {
        "werkzeug.exceptions.BadRequest" => StatusCodes.Status400BadRequest,
        Unauthorized or "odoo.exceptions.AccessDenied" => StatusCodes.Status401Unauthorized,
        "odoo.exceptions.AccessError" => StatusCodes.Status403Forbidden,
        NotFound or "odoo.exceptions.MissingError" => StatusCodes.Status404NotFound,
        "odoo.exceptions.ValidationError" or "odoo.exceptions.UserError" or "werkzeug.exceptions.UnprocessableEntity" => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status500InternalServerError,
    };

    private static Task ErrorAsync(HttpContext context, int status, string name, string message)
    {
        if (status == StatusCodes.Status401Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
        }

        return FakeHttp.JsonAsync(context, status, new JsonObject
        {
            ["name"] = name,
            ["message"] = message,
            ["arguments"] = new JsonArray(message),
            ["context"] = new JsonObject(),
            ["debug"] = Traceback(name, message),
        });
    }

    // "Authorization: bearer <key>", the scheme in any case; Basic or no key at all authenticates no one.
    private static string? BearerKey(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization.ToString();
        var space = authorization.IndexOf(' ');
        return space > 0 && authorization[..space].Equals("bearer", StringComparison.OrdinalIgnoreCase) && authorization[(space + 1)..].Trim() is { Length: > 0 } key
            ? key
            : null;
    }
}
