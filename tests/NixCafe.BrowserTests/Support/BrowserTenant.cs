namespace NixCafe.BrowserTests.Support;

/// <summary>A tenant as a browser test sees it: its id, its first shop and its API key.</summary>
public sealed record BrowserTenant(Guid Id, Guid ShopId, Guid KeyId, string Key);
