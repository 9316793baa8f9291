using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Auditing;

namespace NixCafe.Registers.Features.AuditRegisterChanges;

/// <summary>
/// Records every register change in the audit trail. Domain events are published inside the
/// command's transaction (see the unit of work), so an entry commits or rolls back with its change.
/// </summary>
internal sealed class RegisterAuditHandlers(IAuditTrail audit) :
    INotificationHandler<RegisterCreatedDomainEvent>,
    INotificationHandler<RegisterRenamedDomainEvent>,
    INotificationHandler<RegisterPrefixChangedDomainEvent>,
    INotificationHandler<RegisterDeactivatedDomainEvent>,
    INotificationHandler<RegisterReactivatedDomainEvent>
{
    public Task Handle(RegisterCreatedDomainEvent notification, CancellationToken cancellationToken)
    {
        var r = notification.Register;
        return Record(r, "register.created", before: null, new { r.ShopId, r.Name, r.Prefix, Active = r.IsActive }, cancellationToken);
    }

    public Task Handle(RegisterRenamedDomainEvent notification, CancellationToken cancellationToken) =>
        Record(notification.Register, "register.renamed", new { Name = notification.OldName }, new { notification.Register.Name }, cancellationToken);

    public Task Handle(RegisterPrefixChangedDomainEvent notification, CancellationToken cancellationToken) =>
        Record(notification.Register, "register.prefix_changed", new { Prefix = notification.OldPrefix }, new { notification.Register.Prefix }, cancellationToken);

    public Task Handle(RegisterDeactivatedDomainEvent notification, CancellationToken cancellationToken) =>
        Record(notification.Register, "register.deactivated", new { Active = true }, new { Active = false }, cancellationToken);

    public Task Handle(RegisterReactivatedDomainEvent notification, CancellationToken cancellationToken) =>
        Record(notification.Register, "register.reactivated", new { Active = false }, new { Active = true }, cancellationToken);

    private Task Record(RegisterState register, string action, object? before, object after, CancellationToken cancellationToken) =>
        audit.RecordAsync(action, register.Id, before, after, cancellationToken);
}
