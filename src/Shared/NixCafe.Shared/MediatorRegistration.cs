using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.Shared.Application;
using NixCafe.Shared.Application.Behaviours;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Persistence;

namespace NixCafe.Shared;

/// <summary>
/// MediatR 5.1.0 has no AddMediatR (README: Packages): the mediator, its service factory and the
/// behaviours are registered here, in pipeline order (outermost first); each module adds its
/// handlers with <see cref="RequestHandlerRegistration.AddRequestHandlersFrom"/>. It sits in the
/// assembly's root namespace because it wires the building blocks together: the namespaces it
/// uses (behaviours, auditing) use <c>Application</c>, so it cannot live there without a cycle.
/// </summary>
public static class MediatorRegistration
{
    public static IServiceCollection AddCafeMediator(this IServiceCollection services)
    {
        services.AddScoped<ServiceFactory>(provider => type => provider.GetService(type)!);
        services.AddScoped<IMediator, Mediator>();
        services.AddScoped<TenantScope>();
        services.AddScoped<ICurrentTenant>(provider => provider.GetRequiredService<TenantScope>());
        // Outermost: the request's span covers everything below, its tenant scope included.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TracingBehaviour<,>));
        // Then: the validators, the unit of work and its event handlers all run in the request's tenant.
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(TenantScopeBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(LoggingBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(ValidationBehaviour<,>));
        services.AddScoped(typeof(IPipelineBehavior<,>), typeof(UnitOfWorkBehaviour<,>));
        services.AddScoped<IAuditTrail, PostgresAuditTrail>();
        services.AddHostedService<UnitOfWorkCommitSweeper>();
        return services;
    }
}
