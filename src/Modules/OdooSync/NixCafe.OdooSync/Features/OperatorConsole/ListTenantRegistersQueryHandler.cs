using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.DeadLetters;
using NixCafe.OdooSync.Persistence;

namespace NixCafe.OdooSync.Features.OperatorConsole;

/// <summary>Scoped by the DbContext's tenant filter: no query names a tenant.</summary>
internal sealed class ListTenantRegistersQueryHandler(OdooSyncDbContext db, KnownTenant tenant, TimeProvider clock)
    : IRequestHandler<ListTenantRegistersQuery, TenantRegisterPage>
{
    public async Task<TenantRegisterPage> Handle(ListTenantRegistersQuery request, CancellationToken cancellationToken)
    {
        await tenant.EnsureExistsAsync(cancellationToken);
        var rows = db.PosConfigs.AsNoTracking();
        var total = await rows.LongCountAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var page = await rows
            .OrderBy(row => row.SyncState == SyncState.SyncError ? 0 : row.SyncState == SyncState.Synced ? 2 : 1)
            .ThenBy(row => row.Name).ThenBy(row => row.Id)
            .Skip((request.Page - 1) * request.PageSize).Take(request.PageSize)
            .Select(row => new TenantRegister(row.Id, row.Name, row.IsActive, row.SyncState, row.Retries, row.NextAttemptAt, row.SyncErrorMessage, row.OdooPosConfigId,
                row.ClaimToken != null && row.ClaimedUntil > now ? row.ClaimedBy : null))
            .ToListAsync(cancellationToken);
        return new TenantRegisterPage(request.Page, request.PageSize, total, page);
    }
}
