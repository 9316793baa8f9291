using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.Shared.Application;

namespace NixCafe.Shared.Persistence;

public static class ModuleDbContextRegistration
{
    /// <summary>
    /// Module contexts kept for reuse, per context type: as many as the drains a host runs at once
    /// by default (<c>MaxConcurrentDrains</c>), each of which leases one of a type at most. Beyond
    /// it a burst makes contexts afresh, as every scope did before the pool.
    /// </summary>
    private const int PoolSize = 640;

    /// <summary>
    /// A module's DbContext on the scope's shared connection, enlisted in every command's unit of work.
    /// </summary>
    /// <remarks>
    /// Contexts come from EF Core's pool, the options built once for the host: each context made
    /// afresh built its EF Core services again, a fifth of what the 1,000-tenant tick allocated.
    /// A leased context is handed the scope's tenant and connection; the pool clears the rest
    /// (tracked entities, the transaction) when the scope gives it back. The database NixCafe takes
    /// over names everything in snake_case: configurations name only the exceptions.
    /// </remarks>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services)
        where TContext : ModuleDbContext
    {
        services.AddPooledDbContextFactory<TContext>(options => options.UseNpgsql().UseSnakeCaseNamingConvention(), PoolSize);
        services.AddScoped(provider =>
        {
            var context = provider.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext();
            context.UseTenant(provider.GetRequiredService<ICurrentTenant>());
            context.Database.SetDbConnection(provider.GetRequiredService<CafeDbSession>().Connection);
            return context;
        });
        services.AddSingleton(new UnitOfWorkParticipantType(typeof(TContext)));
        return services;
    }
}
