using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

internal sealed class RegisterRenamedMetricsHandler(RegisterMetrics metrics, CafeDbSession session) : INotificationHandler<RegisterRenamedDomainEvent>
{
    public Task Handle(RegisterRenamedDomainEvent notification, CancellationToken cancellationToken)
    {
        metrics.CountAfterCommit(session, "renamed");
        return Task.CompletedTask;
    }
}
