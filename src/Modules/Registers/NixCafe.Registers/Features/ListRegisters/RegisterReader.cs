using Microsoft.EntityFrameworkCore;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ListRegisters;

/// <summary>
/// Reads the authenticated tenant's registers with their next order number and, from whichever
/// module reports it, their sync status: the one query behind listing registers and getting one.
/// </summary>
internal sealed class RegisterReader(RegistersDbContext db, ICurrentTenant tenant, IEnumerable<IRegisterSyncStatusReader> syncReaders)
{
    private sealed record RegisterRow(Guid Id, Guid? ShopId, string Name, string? Prefix, bool Active, int NextSequence);

    public async Task<IReadOnlyList<RegisterResponse>> ReadAsync(Guid? shopId, Guid? registerId, CancellationToken cancellationToken)
    {
        var tenantId = tenant.Id;
        var rows = await db.Database.SqlQuery<RegisterRow>($"""
                SELECT pc.id, pc.shop_id, pc.name, pc.sequence_prefix AS prefix,
                       pc.is_active AS active, COALESCE(ps.last_number, 0) + 1 AS next_sequence
                  FROM cafe.pos_configs pc
                  LEFT JOIN cafe.pos_sequences ps ON ps.pos_config_uuid = pc.id
                 WHERE pc.tenant_id = {tenantId}
                """)
            .Where(row => (shopId == null || row.ShopId == shopId) && (registerId == null || row.Id == registerId))
            .OrderBy(row => row.Name).ThenBy(row => row.Id)
            .ToListAsync(cancellationToken);

        var sync = new Dictionary<Guid, RegisterSyncStatus>();
        foreach (var reader in syncReaders)
        {
            foreach (var (id, status) in await reader.ReadAsync(tenantId, rows.Select(row => row.Id).ToList(), cancellationToken))
            {
                sync[id] = status;
            }
        }

        return rows.Select(row => new RegisterResponse(
                row.Id, row.ShopId, row.Name, row.Prefix, row.Active,
                OrderNumber.Format(row.Prefix, row.NextSequence),
                sync.TryGetValue(row.Id, out var status) ? new RegisterSyncResponse(status.State, status.Error, status.Attempts, status.OdooId, status.Drift) : null))
            .ToList();
    }
}
