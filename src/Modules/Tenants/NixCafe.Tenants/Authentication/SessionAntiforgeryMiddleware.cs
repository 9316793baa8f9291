using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace NixCafe.Tenants.Authentication;

/// <summary>
/// A request the browser sends with the session cookie could have been started by another site:
/// every unsafe one must carry the antiforgery token the page read from <c>GET /api/cafe/session</c>.
/// API-key requests need none: no other site can make a browser add an Authorization header.
/// </summary>
internal sealed class SessionAntiforgeryMiddleware(RequestDelegate next, IAntiforgery antiforgery)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.User.IsSession() && !IsSafe(context.Request.Method))
        {
            // Throws AntiforgeryValidationException, which the exception handler answers with a 400.
            await antiforgery.ValidateRequestAsync(context);
        }

        await next(context);
    }

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
}
