using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Authentication;
using NixCafe.Tenants.Contracts;
using NixCafe.Tenants.Features.ListShops;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants;

/// <summary>The Tenants module's one entry point: tenants, shops, API keys and who is calling.</summary>
public static class TenantsModule
{
    public const string TenantPolicy = "Tenant";
    public const string OperatorPolicy = "Operator";

    public static IServiceCollection AddTenantsModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<TenantsDbContext>();
        services.AddRequestHandlersFrom(typeof(TenantsModule).Assembly);
        services.AddScoped<ITenantDirectory, TenantDirectory>();
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentTenant, HttpCurrentTenant>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        // Every endpoint needs a tenant unless it says otherwise: a new endpoint cannot forget it.
        var tenantPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName)
            .RequireClaim(ApiKeyAuthenticationHandler.TenantClaim)
            .Build();
        services.AddOptions<OperatorOptions>().BindConfiguration("NixCafe");
        services.AddAuthorizationBuilder()
            .AddPolicy(TenantPolicy, tenantPolicy)
            .AddPolicy(OperatorPolicy, policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireClaim(ApiKeyAuthenticationHandler.OperatorClaim))
            .SetFallbackPolicy(tenantPolicy);
        return services;
    }

    public static IEndpointRouteBuilder MapTenantsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapListShops();
        return endpoints;
    }
}
