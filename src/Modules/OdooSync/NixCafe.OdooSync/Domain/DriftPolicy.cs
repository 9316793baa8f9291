namespace NixCafe.OdooSync.Domain;

/// <summary>What a tenant's drift check does with what it finds (<c>odoo_sync.tenant_connections.drift_policy</c>).</summary>
internal static class DriftPolicy
{
    /// <summary>Findings are recorded and shown; nothing is pushed because of them (the default).</summary>
    public const string Report = "report";

    /// <summary>NixCafe wins: a renamed, archived or un-archived record gets an update, a deleted one a re-create.</summary>
    public const string Repair = "repair";

    public static readonly IReadOnlyList<string> All = [Report, Repair];
}
