using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.IntegrationTests.Foundation;

/// <summary>
/// Module DbContexts come from EF Core's pool: a scope leases one and the pool takes it back when
/// the scope ends. Given back twice (the scope disposing it once per registration it was resolved
/// through), a context goes back to the pool a second time while another request has it, which
/// then fails midway ("Cannot access a disposed context instance", seen in the telemetry
/// benchmark's setup). The witness leases contexts between the scope's two disposals, as a busy
/// host's other requests may.
/// </summary>
public sealed class ContextPoolTests(ContextLeaseFixture app) : IClassFixture<ContextLeaseFixture>
{
    [Fact]
    public async Task A_context_leased_by_another_request_while_a_commands_scope_ends_stays_that_requests()
    {
        await app.ResetAsync();
        var tenant = await app.CreateTenantAsync();

        ContextLeaseWitness witness;
        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            using var entered = scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(tenant.Id);
            // The context first, then the witness, then a query through the unit of work, which takes its contexts too.
            scope.ServiceProvider.GetRequiredService<RegistersDbContext>();
            witness = scope.ServiceProvider.GetRequiredService<ContextLeaseWitness>();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ListRegistersQuery(null));
        }

        try
        {
            foreach (var (context, scope) in witness.Leased.Zip(witness.Scopes))
            {
                using var entered = scope.ServiceProvider.GetRequiredService<TenantScope>().Enter(tenant.Id);
                Assert.Empty(await context.Registers.ToListAsync());
            }
        }
        finally
        {
            foreach (var scope in witness.Scopes)
            {
                await scope.DisposeAsync();
            }
        }
    }
}
