namespace NixCafe.Registers.Contracts;

/// <summary>How a register stands with the tenant's Odoo, as the module that syncs it reports.</summary>
/// <param name="Drift">What the last drift check found for the register's record in Odoo (<c>renamed</c>, <c>archived</c>, <c>unarchived</c>, <c>deleted</c>), or null.</param>
public sealed record RegisterSyncStatus(string State, string? Error, int Attempts, int? OdooId, string? Drift = null);
