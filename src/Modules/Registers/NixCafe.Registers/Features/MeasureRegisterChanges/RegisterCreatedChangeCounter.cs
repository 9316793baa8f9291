using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

/// <summary>Counts a creation in <c>nixcafe.registers.changes</c> once its transaction commits.</summary>
internal sealed class RegisterCreatedChangeCounter(RegisterMetrics metrics, CafeDbSession session) : INotificationHandler<RegisterCreatedDomainEvent>
{
    public Task Handle(RegisterCreatedDomainEvent notification, CancellationToken cancellationToken)
    {
        metrics.CountAfterCommit(session, "created");
        return Task.CompletedTask;
    }
}
