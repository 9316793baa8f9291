using MediatR;
using NixCafe.Registers.Contracts;

namespace NixCafe.OdooSync.Features.TrackRegisterChanges;

/// <summary>A reactivated register is un-archived in Odoo: see <see cref="RegisterEditQueue"/>.</summary>
internal sealed class RegisterReactivatedIntegrationEventHandler(RegisterEditQueue edits) : INotificationHandler<RegisterReactivatedIntegrationEvent>
{
    public Task Handle(RegisterReactivatedIntegrationEvent notification, CancellationToken cancellationToken) =>
        edits.QueueUpdateAsync(notification.TenantId, notification.RegisterId, cancellationToken);
}
