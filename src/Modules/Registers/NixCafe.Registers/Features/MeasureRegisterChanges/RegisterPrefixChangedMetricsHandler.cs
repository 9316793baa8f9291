using MediatR;
using NixCafe.Registers.Domain;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers.Features.MeasureRegisterChanges;

internal sealed class RegisterPrefixChangedMetricsHandler(RegisterMetrics metrics, CafeDbSession session) : INotificationHandler<RegisterPrefixChangedDomainEvent>
{
    public Task Handle(RegisterPrefixChangedDomainEvent notification, CancellationToken cancellationToken)
    {
        metrics.CountAfterCommit(session, "prefix_changed");
        return Task.CompletedTask;
    }
}
