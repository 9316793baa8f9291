namespace NixCafe.OdooSync;

/// <summary>The body of <c>PUT /api/operator/tenants/{id}/odoo-sync/drift-policy</c>.</summary>
/// <param name="Policy"><c>report</c> or <c>repair</c>.</param>
public sealed record DriftPolicyRequest(string? Policy);
