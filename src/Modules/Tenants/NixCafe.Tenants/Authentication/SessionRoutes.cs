using System.Security.Claims;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace NixCafe.Tenants.Authentication;

/// <summary>
/// What the settings page's and the operator console's sessions share: a sign-in that checks
/// antiforgery first, refuses a blank key as a field error and an unknown one with a 401, and
/// signs the browser in to its own cookie scheme; and a sign-out. They differ in the key, the
/// verifier and the words only.
/// </summary>
internal static class SessionRoutes
{
    /// <param name="verify">The principal for an accepted key, or null for a refused one.</param>
    public static async Task<Results<NoContent, ProblemHttpResult>> SignInAsync(
        HttpContext http, IAntiforgery antiforgery, string? presented, string field, string blankMessage,
        Func<string, Task<ClaimsPrincipal?>> verify, string scheme, string refusedTitle, string refusedDetail)
    {
        // The caller has no session yet, so the middleware did not check: another site must
        // not be able to sign a browser in to a session of its choosing either.
        await antiforgery.ValidateRequestAsync(http);
        if (string.IsNullOrWhiteSpace(presented))
        {
            throw new ValidationException([new ValidationFailure(field, blankMessage)]);
        }

        if (await verify(presented.Trim()) is not { } principal)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: refusedTitle, detail: refusedDetail);
        }

        await http.SignInAsync(scheme, principal);
        return TypedResults.NoContent();
    }

    public static void MapSignOut(RouteGroupBuilder session, string scheme, string name) =>
        session.MapDelete("/", async (HttpContext http) =>
        {
            await http.SignOutAsync(scheme);
            return TypedResults.NoContent();
        }).WithName(name);
}
