using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

/// <summary>Counts a prefix change in <c>nixcafe.registers.changes</c> once its transaction commits.</summary>
internal sealed class RegisterPrefixChangedChangeCounter(RegisterMetrics metrics, CafeDbSession session) : INotificationHandler<RegisterPrefixChangedDomainEvent>
{
    public Task Handle(RegisterPrefixChangedDomainEvent notification, CancellationToken cancellationToken)
    {
        metrics.CountAfterCommit(session, "prefix_changed");
        return Task.CompletedTask;
    }
}
