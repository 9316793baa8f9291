using MediatR;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;

namespace NixCafe.Registers.Features.PublishIntegrationEvents;

/// <summary>
/// Turns the aggregate's <see cref="RegisterRenamedDomainEvent"/> into the module's public
/// <see cref="RegisterRenamedIntegrationEvent"/>, published straight away so that other modules'
/// handlers run inside the same unit of work.
/// </summary>
internal sealed class RegisterRenamedIntegrationEventPublisher(IMediator mediator) : INotificationHandler<RegisterRenamedDomainEvent>
{
    public Task Handle(RegisterRenamedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return mediator.Publish(new RegisterRenamedIntegrationEvent(r.Id, r.TenantId, r.ShopId, r.Name, r.IsActive, notification.OccurredAt), cancellationToken);
    }
}
