namespace NixCafe.OdooSync;

/// <summary>The body of <c>POST /api/operator/tenants/{id}/odoo-sync/pause</c> (optional).</summary>
/// <param name="Reason">Shown wherever the pause is; at most 500 characters.</param>
public sealed record PauseSyncRequest(string? Reason);
