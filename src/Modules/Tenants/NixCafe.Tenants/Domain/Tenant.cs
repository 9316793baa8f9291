using NixCafe.Shared.Domain;
using NixCafe.Tenants.Contracts;

namespace NixCafe.Tenants.Domain;

internal sealed class Tenant : AggregateRoot
{
    private Tenant()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Plan { get; private set; } = TenantPlans.Starter;

    public DateTimeOffset CreatedAt { get; private set; }

    public static Tenant Create(string name, string plan, TimeProvider clock) => new()
    {
        Id = Guid.CreateVersion7(),
        Name = name.Trim(),
        Plan = plan,
        CreatedAt = clock.GetUtcNow(),
    };

    public void ChangePlan(string plan, TimeProvider clock)
    {
        if (plan == Plan)
        {
            return;
        }

        var old = Plan;
        Plan = plan;
        AddDomainEvent(new TenantPlanChangedDomainEvent(Id, old, plan, clock.GetUtcNow()));
    }
}
