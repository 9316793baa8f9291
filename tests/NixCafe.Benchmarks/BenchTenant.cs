using NixCafe.IntegrationTests.Cluster;

namespace NixCafe.Benchmarks;

/// <summary>A Pro tenant of a benchmark: its shop, and its API key when the benchmark calls the API as it.</summary>
public sealed record BenchTenant(Guid Id, Guid ShopId, string? ApiKey)
{
    /// <summary>A client of the host's API signed in as this tenant.</summary>
    public HttpClient ClientFor(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
        return client;
    }
}
