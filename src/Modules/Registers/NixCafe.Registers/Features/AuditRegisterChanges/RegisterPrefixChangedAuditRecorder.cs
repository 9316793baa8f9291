using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Auditing;

namespace NixCafe.Registers.Features.AuditRegisterChanges;

/// <summary>
/// Records a prefix change in the audit trail, with the old prefix. Domain events are published inside the command's transaction (see the unit of work), so
/// the entry commits or rolls back with its change.
/// </summary>
internal sealed class RegisterPrefixChangedAuditRecorder(IAuditTrail audit) : INotificationHandler<RegisterPrefixChangedDomainEvent>
{
    public Task Handle(RegisterPrefixChangedDomainEvent notification, CancellationToken cancellationToken)
    {
        return audit.RecordAsync("register.prefix_changed", notification.Register.Id, new { Prefix = notification.OldPrefix }, new { notification.Register.Prefix }, cancellationToken);
    }
}
