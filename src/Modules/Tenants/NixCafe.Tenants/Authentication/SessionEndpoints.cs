using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Authentication;

/// <summary>Sign-in, the current session and sign-out of the settings page.</summary>
internal static class SessionEndpoints
{
    public const string Route = "/api/cafe/session";

    public static void MapBrowserSessions(this IEndpointRouteBuilder endpoints)
    {
        var session = endpoints.MapGroup(Route).WithTags("Browser session").AllowAnonymous();

        session.MapGet("/", async (HttpContext http, IAntiforgery antiforgery, TenantsDbContext db, ICurrentTenant current, CancellationToken ct) =>
        {
            var tenant = http.User.IsSession()
                ? await db.Tenants.Where(t => t.Id == current.Id).Select(t => t.Name).SingleOrDefaultAsync(ct)
                : null;
            // The token is bound to the caller: a page must read it again after signing in or out.
            var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
            return TypedResults.Ok(new BrowserSessionResponse(tenant is not null, tenant, token));
        }).WithName("GetBrowserSession");

        // Operator keys are not tenant keys: they open the operator console (/operator), not this page.
        session.MapPost("/", (SignInRequest body, HttpContext http, IAntiforgery antiforgery, ApiKeyVerifier verifier, CancellationToken ct) =>
            SessionRoutes.SignInAsync(http, antiforgery, body.ApiKey, "apiKey", "Enter the tenant's API key.",
                async key => await verifier.VerifyAsync(key, ct) is { } verified ? ApiKeyAuthenticationHandler.TenantPrincipal(verified, BrowserSessions.CookieScheme) : null,
                BrowserSessions.CookieScheme, "The API key was not accepted.", "Check the key, or ask for a new one if it was revoked."))
            .WithName("SignIn");

        SessionRoutes.MapSignOut(session, BrowserSessions.CookieScheme, "SignOut");
    }
}
