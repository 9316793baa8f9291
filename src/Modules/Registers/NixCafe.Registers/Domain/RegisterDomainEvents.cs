using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

/// <summary>A register as it stood right after a change.</summary>
internal sealed record RegisterState(Guid Id, Guid TenantId, Guid? ShopId, string Name, string? Prefix, bool IsActive);

internal sealed record RegisterCreatedDomainEvent(RegisterState Register, DateTimeOffset OccurredAt) : IDomainEvent;

internal sealed record RegisterRenamedDomainEvent(RegisterState Register, string OldName, DateTimeOffset OccurredAt) : IDomainEvent;

internal sealed record RegisterPrefixChangedDomainEvent(RegisterState Register, string? OldPrefix, DateTimeOffset OccurredAt) : IDomainEvent;

internal sealed record RegisterDeactivatedDomainEvent(RegisterState Register, DateTimeOffset OccurredAt) : IDomainEvent;

internal sealed record RegisterReactivatedDomainEvent(RegisterState Register, DateTimeOffset OccurredAt) : IDomainEvent;
