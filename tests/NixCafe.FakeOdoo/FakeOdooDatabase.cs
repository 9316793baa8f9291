using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>
/// The fake's Odoo database: its version, users, external ids and models, and the one place a
/// model method call is answered, whichever transport brought it. Everyone reads and changes it
/// through <see cref="Atomically{T}"/>: one at a time, each as one transaction.
/// </summary>
internal sealed class FakeOdooDatabase
{
    // Changing these is for accounting: a user without accounting rights may only read them.
    private static readonly IReadOnlyDictionary<string, string> AccountingModels = new Dictionary<string, string>
    {
        [FakeJournalModel.ModelName] = "Journal",
        ["account.account"] = "Account",
    };

    private readonly Lock _lock = new();
    // By uid, as every model call names its user by uid; a login or key is looked up only to authenticate.
    private readonly Dictionary<int, FakeOdooUser> _users = [];
    private readonly Dictionary<string, IFakeModel> _models;

    public FakeOdooDatabase(FakeOdooVersion version, string adminApiKey)
    {
        Version = version;
        PosConfigs = new FakePosConfigModel(this);
        Journals = new FakeJournalModel(this);
        PaymentMethods = new FakePaymentMethodModel(this);
        _models = new IFakeModel[] { PosConfigs, Journals, PaymentMethods }.ToDictionary(model => model.Name);
        _users[FakeOdooServer.Uid] = new FakeOdooUser(FakeOdooServer.LoginName, adminApiKey, AccountingRights: true);
        FakeDemoData.Seed(this);
    }

    public FakeOdooVersion Version { get; set; }

    public FakeExternalIds ExternalIds { get; } = new();

    public FakePosConfigModel PosConfigs { get; }

    public FakeJournalModel Journals { get; }

    public FakePaymentMethodModel PaymentMethods { get; }

    public T Atomically<T>(Func<T> work)
    {
        lock (_lock)
        {
            return work();
        }
    }

    public void Atomically(Action work)
    {
        lock (_lock)
        {
            work();
        }
    }

    public int AddUser(string login, string apiKey, bool accountingRights)
    {
        var uid = FakeOdooServer.Uid + _users.Count;
        _users.Add(uid, new FakeOdooUser(login, apiKey, accountingRights));
        return uid;
    }

    public void SetAccountingRights(int uid, bool granted) => _users[uid] = _users.TryGetValue(uid, out var user)
        ? user with { AccountingRights = granted }
        : throw new ArgumentOutOfRangeException(nameof(uid), uid, "no such user");

    /// <summary>The uid a login and key authenticate, as common.login and common.authenticate answer.</summary>
    public int? Authenticate(string login, string apiKey) =>
        _users.Where(user => user.Value.Login == login && user.Value.ApiKey == apiKey).Select(user => (int?)user.Key).FirstOrDefault();

    public bool IsUser(int uid, string apiKey) => _users.TryGetValue(uid, out var user) && user.ApiKey == apiKey;

    /// <summary>The user a /json/2 bearer key stands for: the key alone authenticates.</summary>
    public int? UidOfKey(string apiKey) => _users.Where(user => user.Value.ApiKey == apiKey).Select(user => (int?)user.Key).FirstOrDefault();

    public bool Exists(string model, int id) => _models.TryGetValue(model, out var found) ? found.Exists(id) : FakeRelated.Exists(model, id);

    public string DisplayName(string model, int id) => _models.TryGetValue(model, out var found) ? found.DisplayName(id) : FakeRelated.Name(model, id);

    /// <summary>The access error Odoo raises when the user may not do <paramref name="operation"/> on <paramref name="model"/>, or null when it may.</summary>
    public FakeRpcException? Refusal(int uid, string operation, string model)
    {
        if (operation == "read" || !AccountingModels.TryGetValue(model, out var label) || _users.GetValueOrDefault(uid)?.AccountingRights == true)
        {
            return null;
        }

        var verb = operation switch { "create" => "create", "write" => "modify", _ => "delete" };
        return FakeRpcException.AccessError(
            $"You are not allowed to {verb} '{label}' ({model}) records.\n\nThis operation is allowed for the following groups:\n\t- Accounting/Administrator");
    }

    public JsonNode? Call(FakeModelCall call)
    {
        if (call.Method.StartsWith('_'))
        {
            throw FakeRpcException.AccessError($"Private methods (such as {call.Method}) cannot be called remotely.");
        }

        try
        {
            // Answered for any model name, modelled here or not (account.account is not).
            if (call.Method == FakeMethodSignature.CheckAccessRights)
            {
                return CheckAccessRights(call.Model, call.Bind(FakeMethodSignature.ByName[call.Method]), call.Uid);
            }

            var model = _models.GetValueOrDefault(call.Model) ?? throw FakeRpcException.UnknownModel(call.Model);
            var signature = FakeMethodSignature.ByName.GetValueOrDefault(call.Method) ?? throw FakeRpcException.UnknownMethod(call.Model, call.Method);
            return model.Call(call.Method, call.Bind(signature), call.Uid);
        }
        catch (Exception exception) when (exception is InvalidOperationException or FormatException)
        {
            // An argument of the wrong JSON type, which Python refuses with a TypeError.
            throw FakeRpcException.TypeError(exception.Message);
        }
    }

    private bool CheckAccessRights(string model, IReadOnlyDictionary<string, JsonNode?> arguments, int uid)
    {
        var operation = arguments["operation"]!.GetValue<string>();
        if (operation is not ("read" or "write" or "create" or "unlink"))
        {
            throw FakeRpcException.ValueError($"Invalid access mode: {operation}");
        }

        if (Refusal(uid, operation, model) is not { } refusal)
        {
            return true;
        }

        return arguments.GetValueOrDefault("raise_exception")?.GetValue<bool>() == false ? false : throw refusal;
    }
}
