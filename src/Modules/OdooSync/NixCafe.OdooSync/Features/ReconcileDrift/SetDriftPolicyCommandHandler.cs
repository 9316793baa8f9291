using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

internal sealed class SetDriftPolicyCommandHandler(OdooSyncDbContext db, IAuditTrail audit) : IRequestHandler<SetDriftPolicyCommand, string>
{
    public async Task<string> Handle(SetDriftPolicyCommand request, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(cancellationToken)
                         ?? throw new NotFoundException("Odoo connection of tenant", request.TenantId);
        if (connection.DriftPolicy != request.Policy)
        {
            await audit.RecordAsync("odoo_sync.drift_policy_set", request.TenantId, new { Policy = connection.DriftPolicy }, new { request.Policy }, cancellationToken);
            connection.DriftPolicy = request.Policy!;
        }

        return connection.DriftPolicy;
    }
}
