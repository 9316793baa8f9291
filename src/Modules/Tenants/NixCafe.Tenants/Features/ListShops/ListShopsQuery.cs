using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Features.ListShops;

/// <summary>The authenticated tenant's shops, for the shop dropdown.</summary>
public sealed record ListShopsQuery : IQuery<IReadOnlyList<ShopResponse>>;
