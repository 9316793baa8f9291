using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

/// <summary>Counts a reactivation in <c>nixcafe.registers.changes</c> once its transaction commits.</summary>
internal sealed class RegisterReactivatedChangeCounter(RegisterMetrics metrics, CafeDbSession session) : INotificationHandler<RegisterReactivatedDomainEvent>
{
    public Task Handle(RegisterReactivatedDomainEvent notification, CancellationToken cancellationToken)
    {
        metrics.CountAfterCommit(session, "reactivated");
        return Task.CompletedTask;
    }
}
