namespace NixCafe.Tenants.Authentication;

/// <summary>Which operator the console is signed in as, and the antiforgery token its next unsafe requests must carry.</summary>
public sealed record OperatorSessionResponse(bool SignedIn, string? Operator, string AntiforgeryToken);
