using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.Json;
using System.Text;
using Microsoft.Extensions.Options;
using NixCafe.Shared.Hosting;

namespace NixCafe.OdooSync.Odoo;

public sealed class OdooClientOptions
{
    /// <summary>How long one call may take before it counts as a transient failure.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Logged-in uids by connection. Odoo's login costs 0.5–1 s of password hashing, so a host logs
/// in once per connection settings and reuses the uid until Odoo answers AccessDenied.
/// </summary>
internal sealed class OdooSessionCache
{
    private readonly ConcurrentDictionary<string, int> _uids = new();

    public static string KeyOf(OdooConnectionSettings settings) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{settings.BaseUrl}\n{settings.Database}\n{settings.Login}\n{settings.ApiKey}")));

    public bool TryGet(string key, out int uid) => _uids.TryGetValue(key, out uid);

    public void Set(string key, int uid) => _uids[key] = uid;

    public void Forget(string key) => _uids.TryRemove(key, out _);
}

internal sealed class JsonRpcOdooClientFactory(IHttpClientFactory http, OdooSessionCache sessions, IOptions<OdooClientOptions> options) : IOdooClientFactory
{
    public const string HttpClientName = "odoo";

    public IOdooClient Create(OdooConnectionSettings settings) =>
        new JsonRpcOdooClient(http.CreateClient(HttpClientName), settings, sessions, options.Value.CallTimeout);
}

/// <summary>Odoo's external API over <c>POST {base}/jsonrpc</c>, as odoo-protocol.md records it.</summary>
internal sealed class JsonRpcOdooClient(HttpClient http, OdooConnectionSettings settings, OdooSessionCache sessions, TimeSpan callTimeout) : IOdooClient
{
    private readonly string _sessionKey = OdooSessionCache.KeyOf(settings);
    private int _requestId;

    public Task<JsonNode?> VersionAsync(CancellationToken cancellationToken) => CallAsync("common", "version", [], cancellationToken);

    public async Task<int> AuthenticateAsync(CancellationToken cancellationToken)
    {
        if (sessions.TryGet(_sessionKey, out var cached))
        {
            return cached;
        }

        // Bad credentials are not an error in Odoo: authenticate answers false.
        var result = await CallAsync("common", "authenticate", [settings.Database, settings.Login, settings.ApiKey, new JsonObject()], cancellationToken);
        if (result is not JsonValue value || !value.TryGetValue<int>(out var uid))
        {
            throw new OdooException(OdooErrorKind.Tenant, "AuthenticationFailed", "Odoo refused the login or the API key");
        }

        sessions.Set(_sessionKey, uid);
        return uid;
    }

    public async Task<JsonNode?> ExecuteKwAsync(string model, string method, JsonArray args, JsonObject? kwargs, CancellationToken cancellationToken)
    {
        var freshLogin = !sessions.TryGet(_sessionKey, out _);
        var uid = await AuthenticateAsync(cancellationToken);
        try
        {
            return await CallAsync("object", "execute_kw", ExecuteArgs(uid, model, method, args, kwargs), cancellationToken);
        }
        catch (OdooException denied) when (denied.OdooName == "odoo.exceptions.AccessDenied" && !freshLogin)
        {
            // The cached uid may be stale (key rotated, user recreated): log in again, once.
            sessions.Forget(_sessionKey);
            uid = await AuthenticateAsync(cancellationToken);
            return await CallAsync("object", "execute_kw", ExecuteArgs(uid, model, method, args, kwargs), cancellationToken);
        }
    }

    private JsonArray ExecuteArgs(int uid, string model, string method, JsonArray args, JsonObject? kwargs)
    {
        var all = new JsonArray(settings.Database, uid, settings.ApiKey, model, method, args.DeepClone());
        if (kwargs is not null)
        {
            all.Add(kwargs.DeepClone());
        }

        return all;
    }

    private async Task<JsonNode?> CallAsync(string service, string method, JsonArray args, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["method"] = "call",
            ["params"] = new JsonObject { ["service"] = service, ["method"] = method, ["args"] = args },
            ["id"] = Interlocked.Increment(ref _requestId),
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(callTimeout);
        HttpResponseMessage response;
        string text;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.BaseUrl, "jsonrpc")) { Content = JsonContent.Create(body) };
            request.Headers.Add("X-NixCafe-Host", HostIdentity.Name);
            response = await http.SendAsync(request, timeout.Token);
            text = await response.Content.ReadAsStringAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OdooException(OdooErrorKind.Transient, "Timeout", $"Odoo did not answer within {callTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            throw new OdooException(OdooErrorKind.Transient, "Unreachable", exception.HttpRequestError is HttpRequestError.NameResolutionError
                ? $"the host {settings.BaseUrl.Host} is not known"
                : $"cannot reach {settings.BaseUrl.GetLeftPart(UriPartial.Authority)} ({exception.HttpRequestError})");
        }

        using (response)
        {
            if (response.StatusCode is HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500)
            {
                throw new OdooException(OdooErrorKind.Transient, $"HTTP {(int)response.StatusCode}", "Odoo is unavailable");
            }

            JsonObject reply;
            try
            {
                reply = JsonNode.Parse(text) as JsonObject ?? throw new JsonException();
            }
            catch (JsonException)
            {
                throw new OdooException(OdooErrorKind.Transient, "NotJson", $"the server at {settings.BaseUrl.GetLeftPart(UriPartial.Authority)} answered HTTP {(int)response.StatusCode} with something that is not Odoo JSON-RPC");
            }

            if (reply["error"] is JsonObject error)
            {
                var data = error["data"] as JsonObject;
                throw OdooException.Classify(
                    Redact(data?["name"]?.GetValue<string>() ?? "OdooError"),
                    Redact(data?["message"]?.GetValue<string>() ?? error["message"]?.GetValue<string>() ?? "unknown error"));
            }

            return reply.TryGetPropertyValue("result", out var result) ? result : null;
        }
    }

    // Odoo's messages are stored on rows and shown to people; a server (or a proxy) that quotes
    // the request back must not put the key there.
    private string Redact(string text) =>
        settings.ApiKey.Length == 0 ? text : text.Replace(settings.ApiKey, "[redacted]", StringComparison.Ordinal);
}
