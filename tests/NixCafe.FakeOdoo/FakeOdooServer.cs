using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NixCafe.FakeOdoo;

/// <summary>
/// A fake Odoo 16, 17, 18 or 19 that answers as real servers of those versions do: /jsonrpc on
/// each (unless a 19 stands in for Odoo 20, which has none), /json/2 on 19, 18's redirect of
/// /json to its login page, and each version's pos.config rules and demo data. One connection
/// per call. It can be upgraded in place, slowed down and made to fail, and records every call
/// for assertions. Runs on a loopback port, in-process or standalone.
/// </summary>
public sealed class FakeOdooServer : IAsyncDisposable
{
    public const string DatabaseName = "odoo";
    public const string LoginName = "admin";
    public const int Uid = 2;

    private readonly Lock _gate = new();
    private readonly List<(FakeOdooFault Fault, Func<FakeOdooCall, bool> Matches)> _faults = [];
    private readonly List<FakeOdooCall> _calls = [];
    private readonly Dictionary<string, string?> _recordsInFlight = [];
    private readonly List<string> _overlaps = [];
    private readonly FakeOdooDatabase _database;
    private readonly FakeJsonRpcTransport _jsonRpc;
    private readonly FakeJson2Transport _json2;
    private int _callsInFlight;
    private int _mostCallsAtOnce;
    private WebApplication? _app;

    private FakeOdooServer(string apiKey, FakeOdooVersion version)
    {
        ApiKey = apiKey;
        _database = new FakeOdooDatabase(version, apiKey);
        _jsonRpc = new FakeJsonRpcTransport(_database);
        _json2 = new FakeJson2Transport(_database);
        SeededPosConfigCount = _database.PosConfigs.Records.Count;
    }

    public string ApiKey { get; }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The Odoo major version the fake is being: 16, 17, 18 or 19.</summary>
    public int Version => _database.Version.Number;

    /// <summary>Whether /jsonrpc answers: false only for a 19 standing in for Odoo 20.</summary>
    public bool JsonRpcEnabled => _database.Version.JsonRpc;

    /// <summary>How many points of sale the version's demo data started with.</summary>
    public int SeededPosConfigCount { get; }

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

    /// <summary>
    /// Starts a fake of Odoo <paramref name="version"/> (16 to 19) with its demo data;
    /// <paramref name="jsonRpc"/> false, for 19 only, stands in for Odoo 20, which has no /jsonrpc.
    /// </summary>
    public static async Task<FakeOdooServer> StartAsync(string url = "http://127.0.0.1:0", string apiKey = "fake-odoo-api-key", int version = 16, bool jsonRpc = true)
    {
        var server = new FakeOdooServer(apiKey, new FakeOdooVersion(version, jsonRpc));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server._app = app;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseUrl = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return server;
    }

    /// <summary>
    /// Starts a fake that answers on every loopback address (127.0.0.0/8) at one port, so that each
    /// of many tenants can have an Odoo server of its own (<see cref="BaseUrlAt"/>), as real tenants
    /// do, from one process. It listens on every IPv4 address but answers only loopback ones.
    /// </summary>
    public static Task<FakeOdooServer> StartOnEveryLoopbackAddressAsync(string apiKey = "fake-odoo-api-key", int version = 16) =>
        StartAsync("http://0.0.0.0:0", apiKey, version);

    /// <summary>This fake's base URL at loopback address 127.0.<paramref name="index"/>/256.<paramref name="index"/>%256 (+1, so never 127.0.0.0).</summary>
    public Uri BaseUrlAt(int index)
    {
        var host = new IPAddress([127, 0, (byte)((index + 1) / 256), (byte)((index + 1) % 256)]);
        return new UriBuilder(BaseUrl) { Host = host.ToString() }.Uri;
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

    /// <summary>Every pos.config, archived ones included, as copies, in id order.</summary>
    public IReadOnlyList<FakePosConfig> PosConfigs => _database.Atomically(() => _database.PosConfigs.Records.Select(record => record.Copy()).ToList());

    /// <summary>Every account.journal, in id order.</summary>
    public IReadOnlyList<FakeJournal> Journals => _database.Atomically(() => _database.Journals.Records.ToList());

    /// <summary>Every pos.payment.method, in id order.</summary>
    public IReadOnlyList<FakePaymentMethod> PaymentMethods => _database.Atomically(() => _database.PaymentMethods.Records.ToList());

    /// <summary>
    /// Switches the running server to another version (or /jsonrpc off, for 19) keeping every
    /// record, as a tenant upgrading its Odoo: no demo data is added.
    /// </summary>
    public void UpgradeTo(int version, bool jsonRpc = true)
    {
        var upgraded = new FakeOdooVersion(version, jsonRpc);
        _database.Atomically(() =>
        {
            _database.Version = upgraded;
        });
    }

    /// <summary>
    /// Adds a user with an API key of its own, as an Odoo database with one integration user per
    /// client has: each logs in to its own uid, so clients share no session or cached state.
    /// Without <paramref name="accountingRights"/> it may read journals but not make one.
    /// </summary>
    public int AddUser(string login, string apiKey, bool accountingRights = true) =>
        _database.Atomically(() => _database.AddUser(login, apiKey, accountingRights));

    public void SetAccountingRights(int uid, bool granted) => _database.Atomically(() => _database.SetAccountingRights(uid, granted));

    /// <summary>The database id of the record an external id (<c>module.name</c>, or a name in module __nixcafe__) names, of any model.</summary>
    public int? IdOfExternalId(string externalId) => _database.Atomically(() => _database.ExternalIds.Find(externalId)?.Id);

    /// <summary>
    /// The next <paramref name="count"/> calls meet <paramref name="fault"/>: calls of any kind, or
    /// only those of the model method <paramref name="modelMethod"/> (e.g. "load"), of the user
    /// <paramref name="uid"/> and of the model <paramref name="model"/> when they are given.
    /// </summary>
    public void FailNext(int count, FakeOdooFault fault, string? modelMethod = null, int? uid = null, string? model = null) =>
        FailNext(count, fault, call => (modelMethod is null || modelMethod == call.ModelMethod) && (uid is null || uid == call.Uid) && (model is null || model == call.Model));

    /// <summary>The next <paramref name="count"/> calls that <paramref name="matches"/> meet <paramref name="fault"/>.</summary>
    public void FailNext(int count, FakeOdooFault fault, Func<FakeOdooCall, bool> matches)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _faults.Add((fault, matches));
            }
        }
    }

    /// <summary>Changes the store directly, as a back-office user would.</summary>
    public void Edit(Action<FakeOdooStore> edit) => _database.Atomically(() => edit(new FakeOdooStore(_database)));

    private async Task HandleAsync(HttpContext context)
    {
        if (context.Connection.LocalIpAddress is { } local && !IPAddress.IsLoopback(local))
        {
            context.Abort();
            return;
        }

        context.Response.Headers.Connection = "close";
        var version = _database.Version;
        var path = context.Request.Path.Value ?? "";
        FakeTransport? transport = path switch
        {
            FakeJsonRpcTransport.Path when version.JsonRpc => _jsonRpc,
            _ when version.ServesJson2 && (path == FakeJson2Transport.VersionPath || path.StartsWith(FakeJson2Transport.CallPath, StringComparison.Ordinal)) => _json2,
            _ => null,
        };
        if (transport is null)
        {
            await (path == FakeHttp.LoginPath ? FakeHttp.LoginPageAsync(context)
                : version.RedirectsJsonToLogin && path.StartsWith("/json/", StringComparison.Ordinal) ? FakeHttp.RedirectToLoginAsync(context)
                : FakeHttp.NotFoundPageAsync(context));
            return;
        }

        if (await transport.ReadAsync(context) is { } request)
        {
            await ServeAsync(context, transport, request);
        }
    }

    private async Task ServeAsync(HttpContext context, FakeTransport transport, FakeRequest request)
    {
        var call = request.Call with { Server = context.Connection.LocalIpAddress?.ToString(), TraceParent = context.Request.Headers.TraceParent.FirstOrDefault() };
        FakeOdooFault? fault = null;
        List<string> pushed;
        lock (_gate)
        {
            _calls.Add(call);
            var queued = _faults.FindIndex(entry => entry.Matches(call));
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
            pushed = PosConfigsPushedBy(call);
            foreach (var record in pushed)
            {
                if (_recordsInFlight.TryGetValue(record, out var inFlight))
                {
                    _overlaps.Add($"{record}: pushed by {call.Caller} while {inFlight} was pushing it");
                }

                _recordsInFlight[record] = call.Caller;
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
                    await FakeHttp.HtmlAsync(context, StatusCodes.Status503ServiceUnavailable, "503 Service Unavailable");
                    return;
                case FakeOdooFault.TooManyRequests tooMany:
                    if (tooMany.RetryAfter is { } retryAfter)
                    {
                        context.Response.Headers.RetryAfter = retryAfter;
                    }

                    await FakeHttp.HtmlAsync(context, StatusCodes.Status429TooManyRequests, "429 Too Many Requests");
                    return;
                case FakeOdooFault.NotJson:
                    await FakeHttp.HtmlAsync(context, StatusCodes.Status200OK, "Odoo is restarting");
                    return;
                case FakeOdooFault.Hold hold:
                    hold.Reached.TrySetResult(call.Caller);
                    await hold.Release.WaitAsync(context.RequestAborted);
                    break;
                case FakeOdooFault.RpcError error:
                    await transport.FailAsync(context, request, new FakeRpcException(error.Name, error.Message));
                    return;
                case FakeOdooFault.Redirect redirect:
                    await FakeHttp.RedirectAsync(context, redirect.Status, redirect.Location.ToString());
                    return;
                case FakeOdooFault.JsonStatus answer:
                    await FakeHttp.JsonAsync(context, answer.Status, answer.Body);
                    return;
            }

            JsonNode? result = null;
            FakeRpcException? failure = null;
            try
            {
                result = request.CarryOut();
            }
            catch (FakeRpcException error)
            {
                failure = error;
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
                holdReply.Applied.TrySetResult(call.Caller);
                await holdReply.Release.WaitAsync(context.RequestAborted);
            }

            await (failure is null ? transport.AnswerAsync(context, request, result) : transport.FailAsync(context, request, failure));
        }
        finally
        {
            lock (_gate)
            {
                _callsInFlight--;
                pushed.ForEach(record => _recordsInFlight.Remove(record));
            }
        }
    }

    /// <summary>The pos.configs a load or a write pushes, named by external id where there is one.</summary>
    private List<string> PosConfigsPushedBy(FakeOdooCall call)
    {
        if (call.Model != FakePosConfigModel.ModelName)
        {
            return [];
        }

        if (call is { LoadFields: { } fields, LoadRows: { } rows })
        {
            var columns = fields.Select(field => field?.ToString()).ToList();
            var byExternalId = columns.IndexOf("id");
            var byDatabaseId = columns.IndexOf(".id");
            // Creates name their external ids; only updates by database id need them looked up.
            var externalIds = byExternalId < 0 && byDatabaseId >= 0 ? ExternalIdsOfPosConfigs() : [];
            return rows.OfType<JsonArray>()
                .Select(row => byExternalId >= 0 ? row.ElementAtOrDefault(byExternalId)?.ToString() is { Length: > 0 } externalId ? FakeExternalIds.Qualified(externalId) : ""
                    : byDatabaseId >= 0 && int.TryParse(row.ElementAtOrDefault(byDatabaseId)?.ToString(), out var id) ? NameOf(id, externalIds)
                    : "")
                .Where(record => record.Length > 0).ToList();
        }

        if (call.WriteIds is { } ids)
        {
            var externalIds = ExternalIdsOfPosConfigs();
            return ids.Select(id => id is JsonValue value && value.TryGetValue<int>(out var number) ? NameOf(number, externalIds) : "")
                .Where(record => record.Length > 0).ToList();
        }

        return [];
    }

    private static string NameOf(int id, Dictionary<int, string> externalIds) => externalIds.GetValueOrDefault(id, $"{FakePosConfigModel.ModelName} {id}");

    private Dictionary<int, string> ExternalIdsOfPosConfigs() => _database.Atomically(() => _database.ExternalIds.Of(FakePosConfigModel.ModelName));

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
