using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace NixCafe.Tenants.Authentication;

/// <summary>
/// A tenant admin's browser session: signed in once with the tenant's API key, then a cookie
/// that holds the tenant and the key's id (never the key). Requests with an Authorization header
/// keep using the API-key scheme; only requests without one are read from the cookie.
/// </summary>
internal static class BrowserSessions
{
    public const string CookieScheme = "TenantSession";
    public const string OperatorCookieScheme = "OperatorSession";
    public const string KeyOrSessionScheme = "TenantKeyOrSession";
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    /// <summary>Marks the settings page's background polls, which read the list without anyone at the page.</summary>
    public const string PollHeader = "X-NixCafe-Poll";

    public static AuthenticationBuilder AddBrowserSessions(this AuthenticationBuilder authentication)
    {
        authentication.Services.AddScoped<ApiKeyVerifier>();
        authentication.Services.AddScoped<OperatorVerifier>();
        authentication.Services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            // Not a credential (it only pairs with the token), and antiforgery refuses to run on
            // plain HTTP with Always, which the loopback demo and tests use: Secure under HTTPS.
            options.Cookie.Name = "NixCafe.Antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
            // The host's security headers already forbid framing, more strictly.
            options.SuppressXFrameOptionsHeader = true;
        });

        return authentication
            // The operator's console session is read only on the operator's endpoints, the tenant's
            // only on the others: one browser may hold both, and neither ever stands in for the other.
            .AddPolicyScheme(KeyOrSessionScheme, "API key, or else the browser session", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.ContainsKey("Authorization") ? ApiKeyAuthenticationHandler.SchemeName
                    : OperatorSessions.IsOperatorEndpoint(context) ? OperatorCookieScheme
                    : CookieScheme)
            .AddSessionCookie(CookieScheme, "__Host-NixCafe.Session", EndSessionOfRevokedKeyAsync)
            .AddSessionCookie(OperatorCookieScheme, "__Host-NixCafe.Operator", OperatorSessions.EndSessionOfRevokedKeyAsync);
    }

    private static AuthenticationBuilder AddSessionCookie(this AuthenticationBuilder authentication, string scheme, string cookieName,
        Func<CookieValidatePrincipalContext, Task> validate) =>
        authentication.AddCookie(scheme, options =>
            {
                // __Host-: the browser keeps it to this host, path / and HTTPS (or loopback).
                options.Cookie.Name = cookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.Path = "/";
                options.ExpireTimeSpan = TimeSpan.FromMinutes(30);
                options.SlidingExpiration = true;
                options.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = validate,
                    // A page left open polls while a register is pending: were polls to renew the
                    // session, it would never end. Only the admin's own requests keep it alive.
                    OnCheckSlidingExpiration = context =>
                    {
                        if (context.Request.Headers.ContainsKey(PollHeader))
                        {
                            context.ShouldRenew = false;
                        }

                        return Task.CompletedTask;
                    },
                    // An API answers; it does not redirect to a login page.
                    OnRedirectToLogin = context => Answer(context.Response, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = context => Answer(context.Response, StatusCodes.Status403Forbidden),
                };
            });

    /// <summary>Revoking a key must end the sessions opened with it, so every request checks the key again.</summary>
    private static async Task EndSessionOfRevokedKeyAsync(CookieValidatePrincipalContext context)
    {
        var verifier = context.HttpContext.RequestServices.GetRequiredService<ApiKeyVerifier>();
        if (TenantAndKey(context.Principal) is not { } session
            || !await verifier.IsStillValidAsync(session.TenantId, session.KeyId, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }

    private static VerifiedApiKey? TenantAndKey(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirst(ApiKeyAuthenticationHandler.TenantClaim)?.Value, out var tenantId)
        && Guid.TryParse(principal?.FindFirst(ApiKeyAuthenticationHandler.KeyClaim)?.Value, out var keyId)
            ? new VerifiedApiKey(tenantId, keyId)
            : null;

    private static Task Answer(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    public static bool IsSession(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme or OperatorCookieScheme };
}
