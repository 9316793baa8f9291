using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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

        session.MapPost("/", async Task<Results<NoContent, ProblemHttpResult>> (OperatorSignInRequest body, HttpContext http, IAntiforgery antiforgery, OperatorVerifier verifier, CancellationToken ct) =>
        {
            // No session yet, so the middleware did not check: another site must not sign a browser in either.
            await antiforgery.ValidateRequestAsync(http);
            if (string.IsNullOrWhiteSpace(body.OperatorKey))
            {
                throw new ValidationException([new ValidationFailure("operatorKey", "Enter your operator key.")]);
            }

            // A tenant's key is no operator's: it opens the settings page, never the console.
            if (await verifier.VerifyAsync(body.OperatorKey.Trim(), ct) is not { } verified)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The operator key was not accepted.",
                    detail: "Check the key, or ask for a new one (`operators issue`) if it was revoked.");
            }

            await http.SignInAsync(BrowserSessions.OperatorCookieScheme, verifier.Principal(verified, BrowserSessions.OperatorCookieScheme));
            return TypedResults.NoContent();
        }).WithName("OperatorSignIn");

        session.MapDelete("/", async (HttpContext http) =>
        {
            await http.SignOutAsync(BrowserSessions.OperatorCookieScheme);
            return TypedResults.NoContent();
        }).WithName("OperatorSignOut");
    }
}
