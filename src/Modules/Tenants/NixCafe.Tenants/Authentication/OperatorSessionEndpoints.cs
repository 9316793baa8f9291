using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace NixCafe.Tenants.Authentication;

/// <summary>Sign-in, the current session and sign-out of the operator console.</summary>
internal static class OperatorSessionEndpoints
{
    public const string Route = "/api/operator/session";

    public static void MapOperatorSessions(this IEndpointRouteBuilder endpoints)
    {
        var session = endpoints.MapGroup(Route).WithTags("Operator").AllowAnonymous().WithMetadata(new OperatorSessions.ConsoleEndpoint());

        session.MapGet("/", (HttpContext http, IAntiforgery antiforgery) =>
        {
            var name = http.User.IsSession() ? http.User.FindFirst(OperatorVerifier.NameClaim)?.Value : null;
            // The token is bound to the caller: the console reads it again after signing in or out.
            var token = antiforgery.GetAndStoreTokens(http).RequestToken!;
            return TypedResults.Ok(new OperatorSessionResponse(name is not null, name, token));
        }).WithName("GetOperatorSession");

        // A tenant's key is no operator's: it opens the settings page, never the console.
        session.MapPost("/", (OperatorSignInRequest body, HttpContext http, IAntiforgery antiforgery, OperatorVerifier verifier, CancellationToken ct) =>
            SessionRoutes.SignInAsync(http, antiforgery, body.OperatorKey, "operatorKey", "Enter your operator key.",
                async key => await verifier.VerifyAsync(key, ct) is { } verified ? verifier.Principal(verified, BrowserSessions.OperatorCookieScheme) : null,
                BrowserSessions.OperatorCookieScheme, "The operator key was not accepted.", "Check the key, or ask for a new one (`operators issue`) if it was revoked."))
            .WithName("OperatorSignIn");

        SessionRoutes.MapSignOut(session, BrowserSessions.OperatorCookieScheme, "OperatorSignOut");
    }
}
