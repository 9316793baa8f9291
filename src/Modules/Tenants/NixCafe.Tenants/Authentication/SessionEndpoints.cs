using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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

        session.MapPost("/", async Task<Results<NoContent, ProblemHttpResult>> (SignInRequest body, HttpContext http, IAntiforgery antiforgery, ApiKeyVerifier verifier, CancellationToken ct) =>
        {
            // The caller has no session yet, so the middleware did not check: another site must
            // not be able to sign a browser in to a tenant of its choosing either.
            await antiforgery.ValidateRequestAsync(http);
            if (string.IsNullOrWhiteSpace(body.ApiKey))
            {
                throw new ValidationException([new ValidationFailure("apiKey", "Enter the tenant's API key.")]);
            }

            // Operator keys are not tenant keys: they open the operator console (/operator), not this page.
            if (await verifier.VerifyAsync(body.ApiKey.Trim(), ct) is not { } key)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The API key was not accepted.",
                    detail: "Check the key, or ask for a new one if it was revoked.");
            }

            await http.SignInAsync(BrowserSessions.CookieScheme, ApiKeyAuthenticationHandler.TenantPrincipal(key, BrowserSessions.CookieScheme));
            return TypedResults.NoContent();
        }).WithName("SignIn");

        session.MapDelete("/", async (HttpContext http) =>
        {
            await http.SignOutAsync(BrowserSessions.CookieScheme);
            return TypedResults.NoContent();
        }).WithName("SignOut");
    }
}
