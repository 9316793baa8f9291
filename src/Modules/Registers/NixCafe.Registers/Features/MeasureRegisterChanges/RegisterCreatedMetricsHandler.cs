using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

internal sealed class RegisterCreatedMetricsHandler(RegisterMetrics metrics, CafeDbSession session) : INotificationHandler<RegisterCreatedDomainEvent>
{
    public Task Handle(RegisterCreatedDomainEvent notification, CancellationToken cancellationToken)
    {
        metrics.CountAfterCommit(session, "created");
        return Task.CompletedTask;
    }
}
