using MediatR;
using NixCafe.Registers.Contracts;

namespace NixCafe.OdooSync.Features.TrackRegisterChanges;

/// <summary>A deactivated register is archived in Odoo: see <see cref="RegisterEditQueue"/>.</summary>
internal sealed class RegisterDeactivatedIntegrationEventHandler(RegisterEditQueue edits) : INotificationHandler<RegisterDeactivatedIntegrationEvent>
{
    public Task Handle(RegisterDeactivatedIntegrationEvent notification, CancellationToken cancellationToken) =>
        edits.QueueUpdateAsync(notification.TenantId, notification.RegisterId, cancellationToken);
}
