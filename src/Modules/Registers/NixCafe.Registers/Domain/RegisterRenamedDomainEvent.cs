using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed record RegisterRenamedDomainEvent(RegisterState Register, string OldName, DateTimeOffset OccurredAt) : IDomainEvent;
