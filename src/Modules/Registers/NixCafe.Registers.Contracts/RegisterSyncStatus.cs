namespace NixCafe.Registers.Contracts;

/// <summary>How a register stands with the tenant's Odoo, as the module that syncs it reports.</summary>
public sealed record RegisterSyncStatus(string State, string? Error, int Attempts, int? OdooId);
