using MediatR;

namespace NixCafe.Shared.Domain;

/// <summary>Something that happened inside an aggregate; handled in the same transaction.</summary>
public interface IDomainEvent : INotification
{
    DateTimeOffset OccurredAt { get; }
}
