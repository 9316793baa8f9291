using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Features.AddShop;

/// <summary>Operator verb: a new shop of a tenant.</summary>
public sealed record AddShopCommand(Guid TenantId, string Name) : ICommand<Guid>, ITenantScopedRequest;
