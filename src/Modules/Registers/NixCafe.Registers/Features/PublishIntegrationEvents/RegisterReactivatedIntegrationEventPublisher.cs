using MediatR;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;

namespace NixCafe.Registers.Features.PublishIntegrationEvents;

/// <summary>
/// Turns the aggregate's <see cref="RegisterReactivatedDomainEvent"/> into the module's public
/// <see cref="RegisterReactivatedIntegrationEvent"/>, published straight away so that other modules'
/// handlers run inside the same unit of work.
/// </summary>
internal sealed class RegisterReactivatedIntegrationEventPublisher(IMediator mediator) : INotificationHandler<RegisterReactivatedDomainEvent>
{
    public Task Handle(RegisterReactivatedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return mediator.Publish(new RegisterReactivatedIntegrationEvent(r.Id, r.TenantId, r.ShopId, r.Name, r.IsActive, notification.OccurredAt), cancellationToken);
    }
}
