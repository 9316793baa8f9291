using MediatR;
using NixCafe.Registers.Contracts;

namespace NixCafe.OdooSync.Features.TrackRegisterChanges;

/// <summary>A renamed register's new name goes to Odoo: see <see cref="RegisterEditQueue"/>.</summary>
internal sealed class RegisterRenamedIntegrationEventHandler(RegisterEditQueue edits) : INotificationHandler<RegisterRenamedIntegrationEvent>
{
    public Task Handle(RegisterRenamedIntegrationEvent notification, CancellationToken cancellationToken) =>
        edits.QueueUpdateAsync(notification.TenantId, notification.RegisterId, cancellationToken);
}
