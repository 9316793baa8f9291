using Microsoft.AspNetCore.Http;
using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Authentication;

/// <summary>The tenant of the request's API key or session: the only source of a tenant id for a tenant's request.</summary>
internal sealed class HttpAuthenticatedTenant(IHttpContextAccessor accessor) : IAuthenticatedTenant
{
    public Guid? TenantId =>
        accessor.HttpContext?.User.FindFirst(ApiKeyAuthenticationHandler.TenantClaim)?.Value is { } value ? Guid.Parse(value) : null;
}
