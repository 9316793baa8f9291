namespace NixCafe.Tenants.Authentication;

/// <summary>An operator whose key matched: a named operator's key id, or null for the configured key.</summary>
internal sealed record VerifiedOperator(Guid? KeyId, string Name);
