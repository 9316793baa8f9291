using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Auditing;

namespace NixCafe.Registers.Features.AuditRegisterChanges;

/// <summary>
/// Records a rename in the audit trail, with the old name. Domain events are published inside the command's transaction (see the unit of work), so
/// the entry commits or rolls back with its change.
/// </summary>
internal sealed class RegisterRenamedAuditRecorder(IAuditTrail audit) : INotificationHandler<RegisterRenamedDomainEvent>
{
    public Task Handle(RegisterRenamedDomainEvent notification, CancellationToken cancellationToken)
    {
        return audit.RecordAsync("register.renamed", notification.Register.Id, new { Name = notification.OldName }, new { notification.Register.Name }, cancellationToken);
    }
}
