using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

internal sealed class RegisterReactivatedMetricsHandler(RegisterMetrics metrics, CafeDbSession session) : INotificationHandler<RegisterReactivatedDomainEvent>
{
    public Task Handle(RegisterReactivatedDomainEvent notification, CancellationToken cancellationToken)
    {
        metrics.CountAfterCommit(session, "reactivated");
        return Task.CompletedTask;
    }
}
