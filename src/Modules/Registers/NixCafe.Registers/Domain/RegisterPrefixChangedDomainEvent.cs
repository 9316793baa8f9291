using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed record RegisterPrefixChangedDomainEvent(RegisterState Register, string? OldPrefix, DateTimeOffset OccurredAt) : IDomainEvent;
