using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace NixCafe.Shared.Persistence;

public static class ModuleDbContextRegistration
{
    /// <summary>
    /// A module's DbContext on the scope's shared connection, enlisted in every command's unit of work.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services)
        where TContext : ModuleDbContext
    {
        services.AddDbContext<TContext>((provider, options) =>
            options.UseNpgsql(provider.GetRequiredService<CafeDbSession>().Connection));
        services.AddScoped<IUnitOfWorkParticipant>(provider => provider.GetRequiredService<TContext>());
        return services;
    }
}
