using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed record RegisterReactivatedDomainEvent(RegisterState Register, DateTimeOffset OccurredAt) : IDomainEvent;
