namespace NixCafe.Tenants.Features.ListShops;

public sealed record ShopResponse(Guid Id, string Name);
