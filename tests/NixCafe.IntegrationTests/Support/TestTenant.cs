namespace NixCafe.IntegrationTests.Support;

/// <summary>A tenant as a test sees it: its id, one shop, and a client that carries its API key.</summary>
public sealed record TestTenant(Guid Id, Guid ShopId, Guid KeyId, string Key, HttpClient Client);
