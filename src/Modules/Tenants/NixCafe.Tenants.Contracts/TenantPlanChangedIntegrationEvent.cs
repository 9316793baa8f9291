using NixCafe.Shared.Domain;

namespace NixCafe.Tenants.Contracts;

/// <summary>An operator moved a tenant to another plan.</summary>
public sealed record TenantPlanChangedIntegrationEvent(Guid TenantId, string OldPlan, string NewPlan, DateTimeOffset OccurredAt) : IIntegrationEvent;
