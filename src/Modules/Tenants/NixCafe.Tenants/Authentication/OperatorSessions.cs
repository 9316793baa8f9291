using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace NixCafe.Tenants.Authentication;

/// <summary>
/// The operator console's session: signed in once with an operator key, then a cookie of its own
/// (<c>__Host-NixCafe.Operator</c>) that holds the operator's name and key id, never the key. It
/// is read only on the operator's endpoints, which a tenant's key or session never opens.
/// </summary>
internal static class OperatorSessions
{
    /// <summary>Marks the console's own anonymous endpoints (sign-in, sign-out) as the operator's, so the operator cookie is read there.</summary>
    public sealed class ConsoleEndpoint;

    /// <summary>An endpoint that requires the operator policy, or one of the console's sign-in endpoints.</summary>
    public static bool IsOperatorEndpoint(HttpContext context) =>
        context.GetEndpoint()?.Metadata is { } metadata
        && (metadata.GetMetadata<ConsoleEndpoint>() is not null
            || metadata.GetOrderedMetadata<IAuthorizeData>().Any(data => data.Policy == TenantsModule.OperatorPolicy));

    /// <summary>Revoking an operator's key (or changing the configured one) ends the sessions opened with it at their next request.</summary>
    public static async Task EndSessionOfRevokedKeyAsync(CookieValidatePrincipalContext context)
    {
        var verifier = context.HttpContext.RequestServices.GetRequiredService<OperatorVerifier>();
        if (!await verifier.IsStillValidAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(context.Scheme.Name);
        }
    }
}
