using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.Shared.Application;

namespace NixCafe.Shared.Web;

public static class RouteTenant
{
    /// <summary>
    /// Operator endpoints under <c>{tenantId:guid}</c> act for the tenant the route names, so they
    /// send the same tenant-scoped requests as the tenant's own endpoints.
    /// </summary>
    public static TBuilder ActsForRouteTenant<TBuilder>(this TBuilder builder, string parameter = "tenantId")
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var tenantId = Guid.Parse((string)context.HttpContext.Request.RouteValues[parameter]!);
            using (context.HttpContext.RequestServices.GetRequiredService<TenantScope>().Enter(tenantId))
            {
                return await next(context);
            }
        });
}
