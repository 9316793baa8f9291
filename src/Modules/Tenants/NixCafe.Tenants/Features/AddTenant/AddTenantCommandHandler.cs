using MediatR;
using NixCafe.Tenants.Domain;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.AddTenant;

internal sealed class AddTenantCommandHandler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<AddTenantCommand, Guid>
{
    public Task<Guid> Handle(AddTenantCommand request, CancellationToken cancellationToken)
    {
        var tenant = Tenant.Create(request.Name, request.Plan, clock);
        db.Tenants.Add(tenant);
        return Task.FromResult(tenant.Id);
    }
}
