using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ListRegisters;

/// <summary>The authenticated tenant's registers, optionally of one shop, by name.</summary>
public sealed record ListRegistersQuery(Guid? ShopId) : IQuery<IReadOnlyList<RegisterResponse>>;
