using MediatR;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;

namespace NixCafe.Registers.Features.PublishIntegrationEvents;

/// <summary>
/// Turns the aggregate's <see cref="RegisterCreatedDomainEvent"/> into the module's public
/// <see cref="RegisterCreatedIntegrationEvent"/>, published straight away so that other modules'
/// handlers run inside the same unit of work.
/// </summary>
internal sealed class RegisterCreatedIntegrationEventPublisher(IMediator mediator) : INotificationHandler<RegisterCreatedDomainEvent>
{
    public Task Handle(RegisterCreatedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return mediator.Publish(new RegisterCreatedIntegrationEvent(r.Id, r.TenantId, r.ShopId, r.Name, r.IsActive, notification.OccurredAt), cancellationToken);
    }
}
