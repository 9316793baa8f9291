namespace NixCafe.OdooSync.Odoo;

/// <summary>Who must act on a failed Odoo call.</summary>
internal enum OdooErrorKind
{
    /// <summary>Nobody: the same call may succeed later (timeout, refused, 5xx/429, non-JSON, serialization conflict).</summary>
    Transient,

    /// <summary>The payload or the record is wrong: retrying the same push cannot help.</summary>
    Record,

    /// <summary>Something a human must fix on the tenant's Odoo side (credentials, rights, database).</summary>
    Tenant,
}

/// <summary>
/// A failed Odoo call, described as <c>data.name: data.message</c> — never the server's
/// traceback, never the credentials.
/// </summary>
internal sealed class OdooException(OdooErrorKind kind, string name, string message) : Exception($"{name}: {message}")
{
    private const int MaxStoredLength = 500;

    public OdooErrorKind Kind { get; } = kind;

    public string OdooName { get; } = name;

    /// <summary>What is stored on the register row and shown to people.</summary>
    public string Reason => Message.Length <= MaxStoredLength ? Message : Message[..(MaxStoredLength - 1)] + "…";

    public static OdooException Classify(string name, string message) => new(KindOf(name, message), name, message);

    private static OdooErrorKind KindOf(string name, string message) => name switch
    {
        "odoo.exceptions.AccessDenied" or "odoo.exceptions.AccessError" => OdooErrorKind.Tenant,
        "psycopg2.OperationalError" when message.Contains("does not exist", StringComparison.Ordinal) => OdooErrorKind.Tenant,
        // pos.config itself is missing: the point_of_sale app is not installed in that database.
        "odoo.exceptions.UserError" when message.StartsWith("Object ", StringComparison.Ordinal) => OdooErrorKind.Tenant,
        _ when message.Contains("could not serialize access", StringComparison.Ordinal) || name.Contains("SerializationFailure", StringComparison.Ordinal) => OdooErrorKind.Transient,
        "psycopg2.OperationalError" => OdooErrorKind.Transient,
        _ => OdooErrorKind.Record,
    };
}
