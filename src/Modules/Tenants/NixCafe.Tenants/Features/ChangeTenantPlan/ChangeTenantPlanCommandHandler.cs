using Microsoft.EntityFrameworkCore;
using MediatR;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.ChangeTenantPlan;

internal sealed class ChangeTenantPlanCommandHandler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<ChangeTenantPlanCommand, Done>
{
    public async Task<Done> Handle(ChangeTenantPlanCommand request, CancellationToken cancellationToken)
    {
        // Before the change's handlers look at the tenant's registers: a register being created
        // holds the plan it read (ITenantDirectory.HoldPlanAsync) until it commits, so the move to
        // Pro waits for it and then queues it with the others.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM commerce.tenants WHERE id = {request.TenantId} FOR UPDATE", cancellationToken);
        var tenant = await db.Tenants.FindAsync([request.TenantId], cancellationToken)
                     ?? throw new NotFoundException("Tenant", request.TenantId);
        tenant.ChangePlan(request.Plan, clock);
        return Done.Value;
    }
}
