using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

/// <summary>Counts a deactivation in <c>nixcafe.registers.changes</c> once its transaction commits.</summary>
internal sealed class RegisterDeactivatedChangeCounter(RegisterMetrics metrics, CafeDbSession session) : INotificationHandler<RegisterDeactivatedDomainEvent>
{
    public Task Handle(RegisterDeactivatedDomainEvent notification, CancellationToken cancellationToken)
    {
        metrics.CountAfterCommit(session, "deactivated");
        return Task.CompletedTask;
    }
}
