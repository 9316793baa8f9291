using MediatR;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;

namespace NixCafe.Registers.Features.PublishIntegrationEvents;

/// <summary>
/// Turns the aggregate's domain events into the module's public integration events, published
/// straight away so that other modules' handlers run inside the same unit of work.
/// </summary>
internal sealed class RegisterDomainEventHandlers(IMediator mediator) :
    INotificationHandler<RegisterCreatedDomainEvent>,
    INotificationHandler<RegisterRenamedDomainEvent>,
    INotificationHandler<RegisterPrefixChangedDomainEvent>,
    INotificationHandler<RegisterDeactivatedDomainEvent>,
    INotificationHandler<RegisterReactivatedDomainEvent>
{
    public Task Handle(RegisterCreatedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return mediator.Publish(new RegisterCreatedIntegrationEvent(r.Id, r.TenantId, r.ShopId, r.Name, r.IsActive, notification.OccurredAt), cancellationToken);
    }

    public Task Handle(RegisterRenamedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return mediator.Publish(new RegisterRenamedIntegrationEvent(r.Id, r.TenantId, r.ShopId, r.Name, r.IsActive, notification.OccurredAt), cancellationToken);
    }

    public Task Handle(RegisterPrefixChangedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return mediator.Publish(new RegisterPrefixChangedIntegrationEvent(r.Id, r.TenantId, r.ShopId, r.Name, r.IsActive, r.Prefix, notification.OccurredAt), cancellationToken);
    }

    public Task Handle(RegisterDeactivatedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return mediator.Publish(new RegisterDeactivatedIntegrationEvent(r.Id, r.TenantId, r.ShopId, r.Name, r.IsActive, notification.OccurredAt), cancellationToken);
    }

    public Task Handle(RegisterReactivatedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return mediator.Publish(new RegisterReactivatedIntegrationEvent(r.Id, r.TenantId, r.ShopId, r.Name, r.IsActive, notification.OccurredAt), cancellationToken);
    }
}
