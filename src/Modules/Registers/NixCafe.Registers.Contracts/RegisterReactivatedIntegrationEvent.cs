using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Contracts;

/// <summary>
/// One of the Registers module's public events: primitives only, published inside the unit of
/// work of the change, so a handler's writes commit or roll back with it. It carries the
/// register's state after the change.
/// </summary>
public sealed record RegisterReactivatedIntegrationEvent(Guid RegisterId, Guid TenantId, Guid? ShopId, string Name, bool Active, DateTimeOffset OccurredAt) : IIntegrationEvent;
