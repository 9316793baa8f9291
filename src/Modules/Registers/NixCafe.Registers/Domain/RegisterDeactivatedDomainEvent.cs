using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed record RegisterDeactivatedDomainEvent(RegisterState Register, DateTimeOffset OccurredAt) : IDomainEvent;
