using MediatR;
using NixCafe.Tenants.Contracts;
using NixCafe.Tenants.Domain;

namespace NixCafe.Tenants.Features.ChangeTenantPlan;

internal sealed class TenantPlanChangedDomainEventHandler(IMediator mediator) : INotificationHandler<TenantPlanChangedDomainEvent>
{
    public Task Handle(TenantPlanChangedDomainEvent notification, CancellationToken cancellationToken) =>
        mediator.Publish(new TenantPlanChangedIntegrationEvent(notification.TenantId, notification.OldPlan, notification.NewPlan, notification.OccurredAt), cancellationToken);
}
