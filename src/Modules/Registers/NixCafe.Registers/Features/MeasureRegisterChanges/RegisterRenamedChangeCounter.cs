using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

/// <summary>Counts a rename in <c>nixcafe.registers.changes</c> once its transaction commits.</summary>
internal sealed class RegisterRenamedChangeCounter(RegisterMetrics metrics, CafeDbSession session) : INotificationHandler<RegisterRenamedDomainEvent>
{
    public Task Handle(RegisterRenamedDomainEvent notification, CancellationToken cancellationToken)
    {
        metrics.CountAfterCommit(session, "renamed");
        return Task.CompletedTask;
    }
}
