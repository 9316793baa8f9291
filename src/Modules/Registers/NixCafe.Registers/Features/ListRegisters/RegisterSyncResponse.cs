namespace NixCafe.Registers.Features.ListRegisters;

/// <param name="Drift">What the last drift check found for the register's record in Odoo (<c>renamed</c>, <c>archived</c>, <c>unarchived</c>, <c>deleted</c>), or null.</param>
public sealed record RegisterSyncResponse(string State, string? Error, int Attempts, int? OdooId, string? Drift = null);
