using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.Registers.Features.CreateRegister;
using NixCafe.Registers.Features.DeactivateRegister;
using NixCafe.Registers.Features.IssueOrderNumber;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Features.MeasureRegisterChanges;
using NixCafe.Registers.Features.ReactivateRegister;
using NixCafe.Registers.Features.RenameRegister;
using NixCafe.Registers.Features.SetRegisterPrefix;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Persistence;

namespace NixCafe.Registers;

/// <summary>The Registers module's one entry point: registration and the settings API.</summary>
public static class RegistersModule
{
    public const string RoutePrefix = "/api/cafe/settings/registers";

    public static IServiceCollection AddRegistersModule(this IServiceCollection services)
    {
        services.AddModuleDbContext<RegistersDbContext>();
        services.AddRequestHandlersFrom(typeof(RegistersModule).Assembly);
        services.AddScoped<RegisterReader>();
        services.AddSingleton<RegisterMetrics>();
        return services;
    }

    public static IEndpointRouteBuilder MapRegistersEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var registers = endpoints.MapGroup(RoutePrefix).WithTags("Registers");
        registers.MapListRegisters();
        registers.MapCreateRegister();
        registers.MapRenameRegister();
        registers.MapSetRegisterPrefix();
        registers.MapDeactivateRegister();
        registers.MapReactivateRegister();
        registers.MapIssueOrderNumber();
        return endpoints;
    }
}
