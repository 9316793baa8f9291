using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Authentication;
using NixCafe.Tenants.Contracts;
using NixCafe.Tenants.Features.ListAuditEntries;
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
        services.AddScoped<IAuthenticatedTenant, HttpAuthenticatedTenant>();
        services.AddScoped<ICurrentActor, HttpCurrentActor>();
        services.AddAuthentication(BrowserSessions.KeyOrSessionScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddBrowserSessions();
        // Every endpoint needs a tenant unless it says otherwise: a new endpoint cannot forget it.
        // A tenant comes with its API key or with a browser session; the operator with an operator
        // key or a console session (the policy scheme reads that cookie only on operator endpoints).
        var tenantPolicy = new AuthorizationPolicyBuilder(BrowserSessions.KeyOrSessionScheme)
            .RequireClaim(ApiKeyAuthenticationHandler.TenantClaim)
            .Build();
        services.AddOptions<OperatorOptions>().BindConfiguration("NixCafe");
        services.AddAuthorizationBuilder()
            .AddPolicy(TenantPolicy, tenantPolicy)
            .AddPolicy(OperatorPolicy, policy => policy.AddAuthenticationSchemes(BrowserSessions.KeyOrSessionScheme).RequireClaim(ApiKeyAuthenticationHandler.OperatorClaim))
            .SetFallbackPolicy(tenantPolicy);
        return services;
    }

    /// <summary>After authentication: unsafe requests of a browser session must carry the antiforgery token.</summary>
    public static IApplicationBuilder UseBrowserSessionAntiforgery(this IApplicationBuilder app) =>
        app.UseMiddleware<SessionAntiforgeryMiddleware>();

    public static IEndpointRouteBuilder MapTenantsEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapListShops();
        endpoints.MapBrowserSessions();
        endpoints.MapOperatorSessions();
        endpoints.MapListAuditEntries(OperatorPolicy);
        return endpoints;
    }
}
