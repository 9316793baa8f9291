using NixCafe.OdooSync.Persistence;

namespace NixCafe.OdooSync.Features.ManageConnection;

/// <summary>A connection as the audit trail records it.</summary>
internal static class ConnectionAuditView
{
    // Never the key, not even encrypted: the trail says only that one is set.
    public static object Of(TenantOdooConnection connection) =>
        new { connection.BaseUrl, connection.Database, connection.Login, connection.Transport, connection.Enabled, ApiKey = "(set, not shown)" };
}
