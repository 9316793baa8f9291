namespace NixCafe.Tenants.Authentication;

public sealed record SignInRequest(string? ApiKey);
