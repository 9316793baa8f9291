using MediatR;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;

namespace NixCafe.Registers.Features.PublishIntegrationEvents;

/// <summary>
/// Turns the aggregate's <see cref="RegisterDeactivatedDomainEvent"/> into the module's public
/// <see cref="RegisterDeactivatedIntegrationEvent"/>, published straight away so that other modules'
/// handlers run inside the same unit of work.
/// </summary>
internal sealed class RegisterDeactivatedIntegrationEventPublisher(IMediator mediator) : INotificationHandler<RegisterDeactivatedDomainEvent>
{
    public Task Handle(RegisterDeactivatedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return mediator.Publish(new RegisterDeactivatedIntegrationEvent(r.Id, r.TenantId, r.ShopId, r.Name, r.IsActive, notification.OccurredAt), cancellationToken);
    }
}
