using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;

namespace NixCafe.OdooSync.Features.ManageConnection;

internal sealed class DisableOdooConnectionCommandHandler(OdooSyncDbContext db, IAuditTrail audit, TimeProvider clock) : IRequestHandler<DisableOdooConnectionCommand, Done>
{
    public async Task<Done> Handle(DisableOdooConnectionCommand request, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("Odoo connection of tenant", request.TenantId);
        var before = ConnectionAuditView.Of(connection);
        connection.Enabled = false;
        connection.UpdatedAt = clock.GetUtcNow();
        await audit.RecordAsync("odoo_connection.disabled", request.TenantId, before, ConnectionAuditView.Of(connection), cancellationToken);
        return Done.Value;
    }
}
