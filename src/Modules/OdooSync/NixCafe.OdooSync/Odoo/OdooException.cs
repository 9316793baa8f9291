namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// A failed Odoo call, described as <c>name: message</c> — never the server's traceback, never
/// the credentials. Classified by what each Odoo version was measured to answer
/// (<c>docs/odoo-protocol.md</c>).
/// </summary>
internal sealed class OdooException(OdooErrorKind kind, string name, string message) : Exception($"{name}: {message}")
{
    private const int MaxStoredLength = 500;

    public OdooErrorKind Kind { get; } = kind;

    public string OdooName { get; } = name;

    /// <summary>
    /// The reply says the server may no longer be the one this host knew (the transport stopped
    /// answering, a field vanished): worth finding the version, transport and fields again.
    /// </summary>
    public bool ServerMayHaveChanged { get; init; }

    /// <summary>
    /// The transport's endpoint answered as a server without it (/json/2 redirected, or a 404
    /// page where it was): worth asking which transport the server has. Unlike
    /// <see cref="ServerMayHaveChanged"/>, the fields are not asked again when the answer is the same.
    /// </summary>
    public bool TransportMayBeGone { get; init; }

    /// <summary>What is stored on the register row and shown to people.</summary>
    public string Reason => Message.Length <= MaxStoredLength ? Message : Message[..(MaxStoredLength - 1)] + "…";

    /// <summary>An error of Odoo's /jsonrpc envelope, classified by <c>data.name</c> (Odoo translates messages).</summary>
    public static OdooException FromJsonRpc(string name, string message) => new(JsonRpcKindOf(name, message), name, message)
    {
        ServerMayHaveChanged = IsUnknownField(name),
    };

    /// <summary>An error of Odoo's /json/2, classified by HTTP status and <c>name</c>.</summary>
    public static OdooException FromJsonTwo(int status, string name, string message) => new(JsonTwoKindOf(status, name), name, message)
    {
        ServerMayHaveChanged = status == 500 && IsUnknownField(name),
    };

    // An unknown field or column: over /jsonrpc a ValueError (fields, domains) or a KeyError (load columns).
    private static bool IsUnknownField(string name) => name is "builtins.ValueError" or "builtins.KeyError";

    private static OdooErrorKind JsonRpcKindOf(string name, string message) => name switch
    {
        "odoo.exceptions.AccessDenied" or "odoo.exceptions.AccessError" => OdooErrorKind.Tenant,
        // The database does not exist: the only OperationalError that names no passing condition.
        "psycopg2.OperationalError" when message.Contains("does not exist", StringComparison.Ordinal) => OdooErrorKind.Tenant,
        // pos.config itself is missing: the point_of_sale app is not installed in that database.
        "odoo.exceptions.UserError" when message.StartsWith("Object ", StringComparison.Ordinal) => OdooErrorKind.Tenant,
        _ when message.Contains("could not serialize access", StringComparison.Ordinal) || name.Contains("SerializationFailure", StringComparison.Ordinal) => OdooErrorKind.Transient,
        "psycopg2.OperationalError" => OdooErrorKind.Transient,
        _ => OdooErrorKind.Record,
    };

    private static OdooErrorKind JsonTwoKindOf(int status, string name) => (status, name) switch
    {
        (401 or 403, _) => OdooErrorKind.Tenant,
        // The model or method is unknown: the Point of Sale app is not installed.
        (404, "werkzeug.exceptions.NotFound") => OdooErrorKind.Tenant,
        (404, "odoo.exceptions.MissingError") or (422, _) or (500, "builtins.ValueError" or "builtins.TypeError") => OdooErrorKind.Record,
        _ => OdooErrorKind.Transient,
    };
}
