namespace NixCafe.Tenants.Authentication;

/// <summary>A tenant's API key that matched: which tenant, which key.</summary>
internal sealed record VerifiedApiKey(Guid TenantId, Guid KeyId);
