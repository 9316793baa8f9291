using MediatR;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;

namespace NixCafe.Registers.Features.PublishIntegrationEvents;

/// <summary>
/// Turns the aggregate's <see cref="RegisterPrefixChangedDomainEvent"/> into the module's public
/// <see cref="RegisterPrefixChangedIntegrationEvent"/>, published straight away so that other modules'
/// handlers run inside the same unit of work.
/// </summary>
internal sealed class RegisterPrefixChangedIntegrationEventPublisher(IMediator mediator) : INotificationHandler<RegisterPrefixChangedDomainEvent>
{
    public Task Handle(RegisterPrefixChangedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return mediator.Publish(new RegisterPrefixChangedIntegrationEvent(r.Id, r.TenantId, r.ShopId, r.Name, r.IsActive, r.Prefix, notification.OccurredAt), cancellationToken);
    }
}
