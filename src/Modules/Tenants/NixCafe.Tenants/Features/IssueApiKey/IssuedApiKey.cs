namespace NixCafe.Tenants.Features.IssueApiKey;

/// <summary>The key in clear, returned once and never stored.</summary>
public sealed record IssuedApiKey(Guid KeyId, string Key);
