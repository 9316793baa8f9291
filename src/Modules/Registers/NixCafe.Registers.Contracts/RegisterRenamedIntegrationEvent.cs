using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Contracts;

// The Registers module's public events: primitives only, published inside the unit of work of
// the change, so a handler's writes commit or roll back with it. Each carries the register's
// state after the change.

public sealed record RegisterRenamedIntegrationEvent(Guid RegisterId, Guid TenantId, Guid? ShopId, string Name, bool Active, DateTimeOffset OccurredAt) : IIntegrationEvent;
