using MediatR;

namespace NixCafe.Shared.Domain;

/// <summary>
/// A module's public event: a record of primitives that other modules may handle. Published inside
/// the unit of work, so the handlers' writes commit or roll back with the change that raised it.
/// </summary>
public interface IIntegrationEvent : INotification
{
    DateTimeOffset OccurredAt { get; }
}
