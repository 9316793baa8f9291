using Microsoft.Extensions.DependencyInjection;
using NixCafe.Registers.Persistence;

namespace NixCafe.IntegrationTests.Foundation;

/// <summary>
/// A scoped service that, when its scope ends, leases registers contexts in scopes of its own and
/// keeps them: it stands for the other requests of a busy host, which lease whatever the pool
/// holds at that moment. Disposed in the middle of its scope's disposal (the scope disposes in the
/// reverse order of resolution), it sees what the scope gave back before it and not after.
/// </summary>
internal sealed class ContextLeaseWitness(IServiceScopeFactory scopes) : IAsyncDisposable
{
    /// <summary>More than the pool can hold of contexts this test's host used before.</summary>
    private const int Leases = 64;

    public List<AsyncServiceScope> Scopes { get; } = [];

    public List<RegistersDbContext> Leased { get; } = [];

    public ValueTask DisposeAsync()
    {
        for (var lease = 0; lease < Leases; lease++)
        {
            var scope = scopes.CreateAsyncScope();
            Scopes.Add(scope);
            Leased.Add(scope.ServiceProvider.GetRequiredService<RegistersDbContext>());
        }

        return ValueTask.CompletedTask;
    }
}
