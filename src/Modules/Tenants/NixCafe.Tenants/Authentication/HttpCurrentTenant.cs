using Microsoft.AspNetCore.Http;
using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Authentication;

/// <summary>The tenant of the request's API key: the only source of a tenant id for tenant data.</summary>
internal sealed class HttpCurrentTenant(IHttpContextAccessor accessor) : ICurrentTenant
{
    public Guid Id =>
        accessor.HttpContext?.User.FindFirst(ApiKeyAuthenticationHandler.TenantClaim)?.Value is { } value
            ? Guid.Parse(value)
            : throw new InvalidOperationException("The request is not authenticated as a tenant.");
}
