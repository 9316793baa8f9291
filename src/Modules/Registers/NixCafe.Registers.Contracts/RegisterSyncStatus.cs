namespace NixCafe.Registers.Contracts;

/// <summary>How a register stands with the tenant's Odoo, as the module that syncs it reports.</summary>
public sealed record RegisterSyncStatus(string State, string? Error, int Attempts, int? OdooId);

/// <summary>
/// Implemented by the module that syncs registers to Odoo, so that the register list can show
/// each register's sync state without the Registers module knowing that module.
/// </summary>
public interface IRegisterSyncStatusReader
{
    Task<IReadOnlyDictionary<Guid, RegisterSyncStatus>> ReadAsync(Guid tenantId, IReadOnlyCollection<Guid> registerIds, CancellationToken cancellationToken);
}
