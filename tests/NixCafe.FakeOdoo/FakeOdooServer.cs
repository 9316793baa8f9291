using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NixCafe.FakeOdoo;

/// <summary>
/// A fake Odoo 16 that speaks its JSON-RPC protocol as measured on a real server
/// (odoo-protocol.md): POST /jsonrpc only, always HTTP 200 with a result or an error envelope
/// classified by <c>data.name</c>, bad credentials answered with <c>false</c>, HTML for anything
/// that is not a JSON-RPC call, one connection per call. It can be slowed down, made to fail,
/// and records every call for assertions. Runs on a loopback port, in-process or standalone.
/// </summary>
public sealed class FakeOdooServer : IAsyncDisposable
{
    public const string DatabaseName = "odoo";
    public const string LoginName = "admin";
    public const int Uid = 2;

    private readonly Lock _gate = new();
    private readonly List<(FakeOdooFault Fault, string? ModelMethod, int? Uid)> _faults = [];
    private readonly List<FakeOdooCall> _calls = [];
    private readonly Dictionary<string, string?> _recordsInFlight = [];
    private readonly List<string> _overlaps = [];
    private int _callsInFlight;
    private int _mostCallsAtOnce;
    private readonly FakePosConfigModel _posConfigs = new();
    // By uid, as every model call names its user by uid; a login is looked up only to authenticate.
    private readonly Dictionary<int, (string Login, string ApiKey)> _users = [];
    private WebApplication? _app;

    private FakeOdooServer(string apiKey)
    {
        ApiKey = apiKey;
        _users[Uid] = (LoginName, apiKey);
        _posConfigs.SeedTemplate();
    }

    public string ApiKey { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>The most calls this fake was answering at one moment: how many callers it had at once.</summary>
    public int MostCallsAtOnce
    {
        get
        {
            lock (_gate)
            {
                return _mostCallsAtOnce;
            }
        }
    }

    /// <summary>While true every call's connection is dropped: Odoo is down.</summary>
    public bool Refusing { get; set; }

    public static async Task<FakeOdooServer> StartAsync(string url = "http://127.0.0.1:0", string apiKey = "fake-odoo-api-key")
    {
        var server = new FakeOdooServer(apiKey);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    public IReadOnlyList<FakeOdooCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToList();
            }
        }
    }

    /// <summary>
    /// Every time a pos.config was pushed (load or write) while another push of the same record
    /// was still being answered: who was in flight and who came in. Empty when each record was
    /// pushed by one caller at a time.
    /// </summary>
    public IReadOnlyList<string> Overlaps
    {
        get
        {
            lock (_gate)
            {
                return _overlaps.ToList();
            }
        }
    }

    /// <summary>Every pos.config, archived ones included, as copies.</summary>
    public IReadOnlyList<FakePosConfig> PosConfigs
    {
        get
        {
            lock (_gate)
            {
                return _posConfigs.Records.Select(record => record.Copy()).OrderBy(record => record.Id).ToList();
            }
        }
    }

    /// <summary>
    /// Adds a user with an API key of its own, as an Odoo database with one integration user per
    /// client has: each logs in to its own uid, so clients share no session or cached state.
    /// </summary>
    public int AddUser(string login, string apiKey)
    {
        lock (_gate)
        {
            var uid = Uid + _users.Count;
            _users.Add(uid, (login, apiKey));
            return uid;
        }
    }

    public int? IdOfExternalId(string externalId)
    {
        lock (_gate)
        {
            return _posConfigs.ExternalIds.TryGetValue(externalId, out var id) ? id : null;
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> calls meet <paramref name="fault"/>: calls of any kind, or
    /// only calls of the model method <paramref name="modelMethod"/> (e.g. "load"), and of those
    /// only the ones made as the user <paramref name="uid"/> when it is given.
    /// </summary>
    public void FailNext(int count, FakeOdooFault fault, string? modelMethod = null, int? uid = null)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Add((fault, modelMethod, uid));
            }
        }
    }

    /// <summary>Changes the store directly, as a back-office user would.</summary>
    public void Edit(Action<FakeOdooStore> edit)
    {
        lock (_gate)
        {
            edit(new FakeOdooStore(_posConfigs));
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        context.Response.Headers.Connection = "close";
        if (context.Request.Path != "/jsonrpc")
        {
            await HtmlAsync(context, HttpStatusCode.NotFound, "Not Found");
            return;
        }

        JsonObject request;
        try
        {
            if (!HttpMethods.IsPost(context.Request.Method))
            {
                throw new JsonException();
            }

            request = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))?.AsObject() ?? throw new JsonException();
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            await HtmlAsync(context, HttpStatusCode.BadRequest, "Bad Request");
            return;
        }

        var id = request["id"]?.DeepClone();
        var parameters = request["params"] as JsonObject ?? [];
        var service = parameters["service"]?.GetValue<string>() ?? "";
        var method = parameters["method"]?.GetValue<string>() ?? "";
        var args = parameters["args"] as JsonArray ?? [];
        var caller = context.Request.Headers["X-NixCafe-Host"].FirstOrDefault();

        FakeOdooFault? fault = null;
        List<string> touched;
        lock (_gate)
        {
            var modelMethod = service == "object" && args.Count > 4 ? args[4]?.GetValue<string>() : null;
            _calls.Add(new FakeOdooCall(service, method,
                service == "object" && args.Count > 3 ? args[3]?.GetValue<string>() : null,
                modelMethod, (JsonArray)args.DeepClone(), caller, DateTimeOffset.UtcNow));
            var uid = service == "object" && args.Count > 1 && args[1] is JsonValue user && user.TryGetValue<int>(out var number) ? number : (int?)null;
            var queued = _faults.FindIndex(entry => (entry.ModelMethod is null || entry.ModelMethod == modelMethod) && (entry.Uid is null || entry.Uid == uid));
            if (Refusing)
            {
                fault = new FakeOdooFault.DropConnection();
            }
            else if (queued >= 0)
            {
                fault = _faults[queued].Fault;
                _faults.RemoveAt(queued);
            }

            _mostCallsAtOnce = Math.Max(_mostCallsAtOnce, ++_callsInFlight);
            touched = RecordsPushedBy(modelMethod, args);
            foreach (var record in touched)
            {
                if (_recordsInFlight.TryGetValue(record, out var inFlight))
                {
                    _overlaps.Add($"{record}: pushed by {caller} while {inFlight} was pushing it");
                }

                _recordsInFlight[record] = caller;
            }
        }

        try
        {
            if (Latency > TimeSpan.Zero)
            {
                await Task.Delay(Latency, context.RequestAborted);
            }

            switch (fault)
            {
                case FakeOdooFault.DropConnection:
                    context.Abort();
                    return;
                case FakeOdooFault.Hang:
                    await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
                    return;
                case FakeOdooFault.ServiceUnavailable:
                    await HtmlAsync(context, HttpStatusCode.ServiceUnavailable, "Service Unavailable");
                    return;
                case FakeOdooFault.NotJson:
                    await HtmlAsync(context, HttpStatusCode.OK, "Odoo is restarting");
                    return;
                case FakeOdooFault.Hold hold:
                    hold.Reached.TrySetResult(caller);
                    await hold.Release.WaitAsync(context.RequestAborted);
                    break;
                case FakeOdooFault.RpcError error:
                    await JsonAsync(context, Envelope(id, error.Name, error.Message));
                    return;
            }

            JsonObject reply;
            try
            {
                JsonNode? result;
                lock (_gate)
                {
                    result = Dispatch(service, method, args);
                }

                reply = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id };
                if (result is not null)
                {
                    reply["result"] = result;
                }
            }
            catch (FakeRpcException error)
            {
                reply = Envelope(id, error.OdooName, error.Message);
            }

            if (fault is FakeOdooFault.CommitThenDrop)
            {
                context.Abort();
                return;
            }

            if (fault is FakeOdooFault.HoldReply holdReply)
            {
                context.Response.OnCompleted(() =>
                {
                    holdReply.Replied.TrySetResult();
                    return Task.CompletedTask;
                });
                holdReply.Applied.TrySetResult(caller);
                await holdReply.Release.WaitAsync(context.RequestAborted);
            }

            await JsonAsync(context, reply);
        }
        finally
        {
            lock (_gate)
            {
                _callsInFlight--;
                touched.ForEach(record => _recordsInFlight.Remove(record));
            }
        }
    }

    /// <summary>The records a load (by external or database id) or a write pushes, named by external id where there is one.</summary>
    private List<string> RecordsPushedBy(string? modelMethod, JsonArray args)
    {
        var callArgs = args.Count > 5 ? args[5] as JsonArray : null;
        switch (modelMethod)
        {
            case "load" when callArgs is [JsonArray fields, JsonArray rows]:
                var columns = fields.Select(field => field?.ToString()).ToList();
                var byExternalId = columns.IndexOf("id");
                var byDatabaseId = columns.IndexOf(".id");
                // Creates name their external ids; only updates by database id need the reverse map.
                var externalIdsOfIds = byExternalId < 0 && byDatabaseId >= 0 ? ExternalIdsOfIds() : [];
                return rows.OfType<JsonArray>()
                    .Select(row => byExternalId >= 0 ? row[byExternalId]?.ToString() ?? ""
                        : byDatabaseId >= 0 && int.TryParse(row[byDatabaseId]?.ToString(), out var number) ? externalIdsOfIds.GetValueOrDefault(number, $"pos.config {number}")
                        : "")
                    .Where(id => id.Length > 0).ToList();
            case "write" when callArgs is [JsonArray ids, ..]:
                var externalIds = ExternalIdsOfIds();
                return ids.Select(id => id is JsonValue value && value.TryGetValue<int>(out var number)
                    ? externalIds.GetValueOrDefault(number, $"pos.config {number}")
                    : "").Where(id => id.Length > 0).ToList();
            default:
                return [];
        }
    }

    private Dictionary<int, string> ExternalIdsOfIds() => _posConfigs.ExternalIds.ToDictionary(pair => pair.Value, pair => pair.Key);

    private JsonNode? Dispatch(string service, string method, JsonArray args)
    {
        string Text(int index) => index < args.Count && args[index] is JsonValue value && value.TryGetValue<string>(out var text) ? text : "";

        switch (service, method)
        {
            case ("common", "version"):
                return JsonNode.Parse("""{"server_version":"16.0","server_version_info":[16,0,0,"final",0,""],"server_serie":"16.0","protocol_version":1}""");
            case ("common", "login"):
            case ("common", "authenticate"):
                if (method == "authenticate" && args.Count < 4)
                {
                    throw new FakeRpcException("builtins.TypeError", "authenticate() missing 1 required positional argument: 'user_agent_env'");
                }

                RequireDatabase(Text(0));
                var user = _users.FirstOrDefault(user => user.Value.Login == Text(1));
                return user.Value.Login is not null && Text(2) == user.Value.ApiKey ? user.Key : false;
            case ("object", "execute_kw"):
                RequireDatabase(Text(0));
                var uid = args.Count > 1 && args[1] is JsonValue u && u.TryGetValue<int>(out var given) ? given : 0;
                if (!_users.TryGetValue(uid, out var account) || Text(2) != account.ApiKey)
                {
                    throw new FakeRpcException("odoo.exceptions.AccessDenied", "Access Denied");
                }

                if (Text(3) != "pos.config")
                {
                    throw new FakeRpcException("odoo.exceptions.UserError", $"Object {Text(3)} doesn't exist");
                }

                return _posConfigs.Call(Text(4), args.Count > 5 ? args[5] as JsonArray ?? [] : [], args.Count > 6 ? args[6] as JsonObject ?? [] : []);
            default:
                throw new FakeRpcException("builtins.AttributeError", $"'{service}' service has no method '{method}'");
        }
    }

    private static void RequireDatabase(string database)
    {
        if (database != DatabaseName)
        {
            throw new FakeRpcException("psycopg2.OperationalError", $"FATAL:  database \"{database}\" does not exist");
        }
    }

    private static JsonObject Envelope(JsonNode? id, string name, string message) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = id?.DeepClone(),
        ["error"] = new JsonObject
        {
            ["code"] = 200,
            ["message"] = "Odoo Server Error",
            ["data"] = new JsonObject
            {
                ["name"] = name,
                ["debug"] = $"Traceback (most recent call last):\n  File \"/usr/lib/python3/dist-packages/odoo/http.py\", line 1589, in _serve_db\n{name}: {message}\n",
                ["message"] = message,
                ["arguments"] = new JsonArray(message),
                ["context"] = new JsonObject(),
            },
        },
    };

    private static async Task JsonAsync(HttpContext context, JsonObject reply)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(reply.ToJsonString(), context.RequestAborted);
    }

    private static async Task HtmlAsync(HttpContext context, HttpStatusCode status, string title)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync($"<!DOCTYPE html><html><head><title>{(int)status} {title}</title></head><body><h1>{title}</h1></body></html>", Encoding.UTF8, context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

/// <summary>Back-office edits of the fake's records, made under its lock.</summary>
public sealed class FakeOdooStore
{
    private readonly FakePosConfigModel _model;

    internal FakeOdooStore(FakePosConfigModel model) => _model = model;

    public FakePosConfig AddPosConfig(string name, bool active = true) => _model.Add(name, active);

    /// <summary>Deletes a pos.config (and its external id), as an admin deleting it in the back office.</summary>
    public void DeletePosConfig(int id) => _model.Remove(id);

    public FakePosConfig PosConfig(int id) => _model.Records.Single(record => record.Id == id);
}
