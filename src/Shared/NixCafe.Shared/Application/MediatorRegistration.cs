using System.Reflection;
using FluentValidation;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.Shared.Application.Behaviours;

namespace NixCafe.Shared.Application;

/// <summary>
/// MediatR 5.1.0 has no AddMediatR (README: Packages): the mediator, its service factory and the
/// behaviours are registered here, in pipeline order (outermost first); handlers are found per
/// module assembly with Scrutor, validators with FluentValidation's own scan.
/// </summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddCafeMediator(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => type => provider.GetService(type)!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<TenantScope>();
        services.AddScoped<ICurrentTenant>(provider => provider.GetRequiredService<TenantScope>());
        // Outermost: the validators, the unit of work and its event handlers all run in the request's tenant.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TenantScopeBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>));
        services.AddScoped<Auditing.IAuditTrail, Auditing.PostgresAuditTrail>();
        return services;
    }

    public static IServiceCollection AddRequestHandlersFrom(this IServiceCollection services, Assembly assembly)
    {
        services.Scan(scan => scan
            .FromAssemblies(assembly)
            .AddClasses(classes => classes.AssignableToAny(typeof(IRequestHandler<,>), typeof(INotificationHandler<>)), publicOnly: false)
            .AsImplementedInterfaces()
            .WithScopedLifetime());
        // Validators are internal to their module, like the handlers.
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: true);
        return services;
    }
}
