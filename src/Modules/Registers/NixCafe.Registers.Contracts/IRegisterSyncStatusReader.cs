namespace NixCafe.Registers.Contracts;

/// <summary>
/// Implemented by the module that syncs registers to Odoo, so that the register list can show
/// each register's sync state without the Registers module knowing that module.
/// </summary>
public interface IRegisterSyncStatusReader
{
    Task<IReadOnlyDictionary<Guid, RegisterSyncStatus>> ReadAsync(Guid tenantId, IReadOnlyCollection<Guid> registerIds, CancellationToken cancellationToken);
}
