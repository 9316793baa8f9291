using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Auditing;

namespace NixCafe.Registers.Features.AuditRegisterChanges;

/// <summary>
/// Records a new register in the audit trail. Domain events are published inside the command's transaction (see the unit of work), so
/// the entry commits or rolls back with its change.
/// </summary>
internal sealed class RegisterCreatedAuditRecorder(IAuditTrail audit) : INotificationHandler<RegisterCreatedDomainEvent>
{
    public Task Handle(RegisterCreatedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return audit.RecordAsync("register.created", r.Id, before: null, new { r.ShopId, r.Name, r.Prefix, Active = r.IsActive }, cancellationToken);
    }
}
