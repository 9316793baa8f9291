namespace NixCafe.Tenants.Authentication;

/// <summary>Who the browser is signed in as, and the antiforgery token its next unsafe requests must carry.</summary>
public sealed record BrowserSessionResponse(bool SignedIn, string? Tenant, string AntiforgeryToken);
