using NixCafe.Shared.Domain;

namespace NixCafe.Tenants.Domain;

internal sealed record TenantPlanChangedDomainEvent(Guid TenantId, string OldPlan, string NewPlan, DateTimeOffset OccurredAt) : IDomainEvent;
