using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// Odoo's <c>POST {base}/jsonrpc</c> (16 to 19): a login gives a uid, then every call names the
/// database, the uid and the key. A real answer is HTTP 200 JSON with a <c>result</c> or an
/// <c>error</c>; anything else is not Odoo's answer.
/// </summary>
internal sealed class JsonRpcTransport(OdooHttp http, OdooConnectionSettings settings, OdooSessionCache sessions) : IOdooTransport
{
    public const string Path = "jsonrpc";

    private int _requestId;

    /// <summary><c>common.version</c>: the server's version, or a failure when nothing answers JSON-RPC here.</summary>
    public async Task<string> VersionAsync(CancellationToken cancellationToken) =>
        await CallAsync("common", "version", _ => { }, cancellationToken) is JsonObject answer && answer["server_version"] is JsonValue version
            && version.TryGetValue<string>(out var text)
            ? text
            : throw new OdooException(OdooErrorKind.Transient, "NotJson", "common.version answered without a server_version");

    public async Task AuthenticateAsync(CancellationToken cancellationToken)
    {
        sessions.Forget(settings.CacheKey);
        await UidAsync(cancellationToken);
    }

    public async Task<JsonNode?> CallAsync(OdooCall call, CancellationToken cancellationToken)
    {
        var freshLogin = !sessions.TryGet(settings.CacheKey, out _);
        var uid = await UidAsync(cancellationToken);
        try
        {
            return await CallAsync("object", "execute_kw", writer => WriteExecuteArgs(writer, uid, call), cancellationToken);
        }
        catch (OdooException denied) when (denied.OdooName == "odoo.exceptions.AccessDenied" && !freshLogin)
        {
            // The cached uid may be stale (key rotated, user recreated): log in again, once.
            sessions.Forget(settings.CacheKey);
            uid = await UidAsync(cancellationToken);
            return await CallAsync("object", "execute_kw", writer => WriteExecuteArgs(writer, uid, call), cancellationToken);
        }
    }

    private async Task<int> UidAsync(CancellationToken cancellationToken)
    {
        if (sessions.TryGet(settings.CacheKey, out var cached))
        {
            return cached;
        }

        // Bad credentials are not an error in Odoo: authenticate answers false.
        var result = await CallAsync("common", "authenticate", writer =>
        {
            writer.WriteStringValue(settings.Database);
            writer.WriteStringValue(settings.Login);
            writer.WriteStringValue(settings.ApiKey);
            writer.WriteStartObject();
            writer.WriteEndObject();
        }, cancellationToken);
        if (result is not JsonValue value || !value.TryGetValue<int>(out var uid))
        {
            throw new OdooException(OdooErrorKind.Tenant, "AuthenticationFailed", "Odoo refused the login or the API key");
        }

        sessions.Set(settings.CacheKey, uid);
        return uid;
    }

    private void WriteExecuteArgs(Utf8JsonWriter writer, int uid, OdooCall call)
    {
        writer.WriteStringValue(settings.Database);
        writer.WriteNumberValue(uid);
        writer.WriteStringValue(settings.ApiKey);
        writer.WriteStringValue(call.Model);
        writer.WriteStringValue(call.Method);
        writer.WriteStartArray();
        foreach (var (_, value) in call.Positional)
        {
            writer.WriteNode(value);
        }

        writer.WriteEndArray();
        writer.WriteArguments(call.Keyword);
    }

    /// <summary>The envelope <c>{"jsonrpc", "method": "call", "params": {service, method, args}, "id"}</c>, <paramref name="writeArgs"/> writing the args' items.</summary>
    private async Task<JsonNode?> CallAsync(string service, string method, Action<Utf8JsonWriter> writeArgs, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _requestId);
        var body = OdooRequestBody.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("jsonrpc", "2.0");
            writer.WriteString("method", "call");
            writer.WriteStartObject("params");
            writer.WriteString("service", service);
            writer.WriteString("method", method);
            writer.WriteStartArray("args");
            writeArgs(writer);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteNumber("id", id);
            writer.WriteEndObject();
        });
        var reply = await http.PostAsync(Path, body, prepare: null, cancellationToken);
        if (reply.IsRedirect)
        {
            throw reply.RedirectRefused();
        }

        // Odoo answers every JSON-RPC call with HTTP 200 JSON in its envelope. A 404 page where
        // /jsonrpc was is a server that dropped it (Odoo 20, docs/odoo-protocol.md) or moved: worth asking it again.
        if (reply.Status != HttpStatusCode.OK || reply.Json() is not JsonObject envelope || envelope["jsonrpc"]?.GetValueKind() is not JsonValueKind.String)
        {
            throw reply.NotOdoo("JSON-RPC", serverMayHaveChanged: reply.Status == HttpStatusCode.NotFound);
        }

        if (envelope["error"] is JsonObject error)
        {
            var data = error["data"] as JsonObject;
            throw OdooException.FromJsonRpc(
                settings.Redact(data?["name"]?.GetValue<string>() ?? "OdooError"),
                settings.Redact(data?["message"]?.GetValue<string>() ?? error["message"]?.GetValue<string>() ?? "unknown error"));
        }

        // A method that returns nothing answers with no result key at all.
        return envelope["result"];
    }
}
