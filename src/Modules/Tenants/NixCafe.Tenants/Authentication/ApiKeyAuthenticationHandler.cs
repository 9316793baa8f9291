using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace NixCafe.Tenants.Authentication;

/// <summary>
/// <c>Authorization: Bearer ncf_…</c> → the tenant that owns the key; a named operator's key
/// (<c>nco_…</c>) or the configured operator key → that operator. A missing, malformed, unknown or revoked key is a 401; nothing in the answer
/// says which of these it was.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyVerifier verifier,
    OperatorVerifier operators) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "TenantApiKey";
    public const string TenantClaim = "nixcafe:tenant";
    public const string KeyClaim = "nixcafe:api_key";
    public const string OperatorClaim = OperatorVerifier.NameClaim;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = header["Bearer ".Length..].Trim();
        if (await operators.VerifyAsync(presented, Context.RequestAborted) is { } verifiedOperator)
        {
            return AuthenticateResult.Success(new AuthenticationTicket(operators.Principal(verifiedOperator, SchemeName), SchemeName));
        }

        if (await verifier.VerifyAsync(presented, Context.RequestAborted) is not { } key)
        {
            return AuthenticateResult.Fail("Malformed, unknown or revoked API key.");
        }

        return AuthenticateResult.Success(new AuthenticationTicket(TenantPrincipal(key, SchemeName), SchemeName));
    }

    /// <summary>The tenant and the key it came in with: all a request needs, for either scheme.</summary>
    public static ClaimsPrincipal TenantPrincipal(VerifiedApiKey key, string authenticationType) =>
        new(new ClaimsIdentity([new Claim(TenantClaim, key.TenantId.ToString()), new Claim(KeyClaim, key.KeyId.ToString())], authenticationType));
}
