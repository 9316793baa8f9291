using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed record RegisterCreatedDomainEvent(RegisterState Register, DateTimeOffset OccurredAt) : IDomainEvent;
