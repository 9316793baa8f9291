namespace NixCafe.Tenants.Authentication;

public sealed record OperatorSignInRequest(string? OperatorKey);
