using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

internal sealed class RegisterDeactivatedMetricsHandler(RegisterMetrics metrics, CafeDbSession session) : INotificationHandler<RegisterDeactivatedDomainEvent>
{
    public Task Handle(RegisterDeactivatedDomainEvent notification, CancellationToken cancellationToken)
    {
        metrics.CountAfterCommit(session, "deactivated");
        return Task.CompletedTask;
    }
}
