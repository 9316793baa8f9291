using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace NixCafe.Shared.Persistence;

public static class ModuleDbContextRegistration
{
    /// <summary>
    /// A module's DbContext on the scope's shared connection, enlisted in every command's unit of work.
    /// </summary>
    /// <remarks>
    /// The options are built once for the host and each context is handed the scope's connection
    /// as it is made: options built per scope around the connection were a tenth of what a drain
    /// allocated. The database NixCafe takes over names everything in snake_case: configurations
    /// name only the exceptions.
    /// </remarks>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services)
        where TContext : ModuleDbContext
    {
        services.AddDbContext<TContext>(options => options.UseNpgsql().UseSnakeCaseNamingConvention(),
            contextLifetime: ServiceLifetime.Scoped, optionsLifetime: ServiceLifetime.Singleton);
        var create = ActivatorUtilities.CreateFactory<TContext>([]);
        services.Replace(ServiceDescriptor.Scoped(provider =>
        {
            var context = create(provider, null);
            context.Database.SetDbConnection(provider.GetRequiredService<CafeDbSession>().Connection);
            return context;
        }));
        services.AddScoped<IUnitOfWorkParticipant>(provider => provider.GetRequiredService<TContext>());
        return services;
    }
}
