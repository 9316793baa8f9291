using System.Security.Claims;

namespace NixCafe.Tenants.Authentication;

/// <summary>Who an authenticated request is, as the host's limits and the audit trail name it.</summary>
public static class Callers
{
    public const string Operator = "operator";

    /// <summary><c>key:&lt;key id&gt;</c> for a tenant key (or a session opened with it), <c>operator</c> for any operator (key or console session), or null when anonymous.</summary>
    public static string? IdOf(ClaimsPrincipal user) =>
        user.HasClaim(claim => claim.Type == ApiKeyAuthenticationHandler.OperatorClaim) ? Operator
        : user.FindFirst(ApiKeyAuthenticationHandler.KeyClaim)?.Value is { } keyId ? "key:" + keyId
        : null;
}
