namespace NixCafe.OdooSync.Odoo;

/// <summary>Who must act on a failed Odoo call.</summary>
internal enum OdooErrorKind
{
    /// <summary>Nobody: the same call may succeed later (timeout, refused, 5xx/429, non-JSON, serialization conflict).</summary>
    Transient,

    /// <summary>The payload or the record is wrong: retrying the same push cannot help.</summary>
    Record,

    /// <summary>Something a human must fix on the tenant's Odoo side (credentials, rights, database, URL).</summary>
    Tenant,
}
