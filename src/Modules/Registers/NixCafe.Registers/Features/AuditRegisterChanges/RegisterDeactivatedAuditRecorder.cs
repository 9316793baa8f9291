using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Auditing;

namespace NixCafe.Registers.Features.AuditRegisterChanges;

/// <summary>
/// Records a deactivation in the audit trail. Domain events are published inside the command's transaction (see the unit of work), so
/// the entry commits or rolls back with its change.
/// </summary>
internal sealed class RegisterDeactivatedAuditRecorder(IAuditTrail audit) : INotificationHandler<RegisterDeactivatedDomainEvent>
{
    public Task Handle(RegisterDeactivatedDomainEvent notification, CancellationToken cancellationToken)
    {
        return audit.RecordAsync("register.deactivated", notification.Register.Id, new { Active = true }, new { Active = false }, cancellationToken);
    }
}
