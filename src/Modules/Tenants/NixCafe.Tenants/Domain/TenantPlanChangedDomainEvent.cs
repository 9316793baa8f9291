using NixCafe.Shared.Domain;
using NixCafe.Tenants.Contracts;

namespace NixCafe.Tenants.Domain;

internal sealed record TenantPlanChangedDomainEvent(Guid TenantId, string OldPlan, string NewPlan, DateTimeOffset OccurredAt) : IDomainEvent;
