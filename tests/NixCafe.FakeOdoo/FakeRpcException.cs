namespace NixCafe.FakeOdoo;

/// <summary>
/// An exception Odoo raises, named by its Python class (<c>data.name</c>): /jsonrpc answers it in
/// its error envelope, /json/2 with the HTTP status the name maps to, and load as a row message.
/// </summary>
internal sealed class FakeRpcException(string name, string message, string? field = null) : Exception(message)
{
    public string OdooName { get; } = name;

    /// <summary>The field a load row message names, when the error is about one.</summary>
    public string? Field { get; } = field;

    /// <summary>An unknown model or method: /jsonrpc answers it as an error of its own, /json/2 as an unknown URL.</summary>
    public bool IsUnknownRoute { get; private init; }

    public static FakeRpcException ValueError(string message, string? field = null) => new("builtins.ValueError", message, field);

    public static FakeRpcException TypeError(string message) => new("builtins.TypeError", message);

    public static FakeRpcException KeyError(string key) => new("builtins.KeyError", key);

    public static FakeRpcException Validation(string message, string? field = null) => new("odoo.exceptions.ValidationError", message, field);

    public static FakeRpcException AccessError(string message) => new("odoo.exceptions.AccessError", message);

    public static FakeRpcException AccessDenied() => new("odoo.exceptions.AccessDenied", "Access Denied");

    public static FakeRpcException MissingRecord(string model, int id, int uid) =>
        new("odoo.exceptions.MissingError", $"Record does not exist or has been deleted.\n(Record: {model}({id},), User: {uid})");

    public static FakeRpcException MissingRequired(FakeField field) =>
        Validation($"Missing required value for the field '{field.Label}' ({field.Name})", field.Name);

    public static FakeRpcException UnknownModel(string model) =>
        new("odoo.exceptions.UserError", $"Object {model} doesn't exist") { IsUnknownRoute = true };

    public static FakeRpcException UnknownMethod(string model, string method) =>
        new("builtins.AttributeError", $"'{model}' object has no attribute '{method}'") { IsUnknownRoute = true };
}
