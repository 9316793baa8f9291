using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Auditing;

namespace NixCafe.Registers.Features.AuditRegisterChanges;

/// <summary>
/// Records a reactivation in the audit trail. Domain events are published inside the command's transaction (see the unit of work), so
/// the entry commits or rolls back with its change.
/// </summary>
internal sealed class RegisterReactivatedAuditRecorder(IAuditTrail audit) : INotificationHandler<RegisterReactivatedDomainEvent>
{
    public Task Handle(RegisterReactivatedDomainEvent notification, CancellationToken cancellationToken)
    {
        return audit.RecordAsync("register.reactivated", notification.Register.Id, new { Active = false }, new { Active = true }, cancellationToken);
    }
}
