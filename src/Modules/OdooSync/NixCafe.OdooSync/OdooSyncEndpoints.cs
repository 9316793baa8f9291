using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.OdooSync.Features.DeadLetters;
using NixCafe.OdooSync.Features.ManageConnection;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.Shared.Application;

namespace NixCafe.OdooSync;

public sealed record OdooConnectionRequest(string? BaseUrl, string? Database, string? Login, string? ApiKey);

/// <summary>
/// Operator endpoints take the tenant from the route; tenant endpoints take it only from the
/// caller's key, whatever the client sends.
/// </summary>
internal static class OdooSyncEndpoints
{
    public static void MapOdooSyncEndpoints(this IEndpointRouteBuilder endpoints, string operatorPolicy)
    {
        var operatorTenants = endpoints.MapGroup("/api/operator/tenants/{tenantId:guid}").WithTags("Operator").RequireAuthorization(operatorPolicy);
        operatorTenants.MapPut("/odoo-connection", async (Guid tenantId, OdooConnectionRequest body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new SetOdooConnectionCommand(tenantId, body.BaseUrl, body.Database, body.Login, body.ApiKey), ct);
            return TypedResults.Ok(await mediator.Send(new GetSyncStatusQuery(tenantId), ct));
        });
        operatorTenants.MapDelete("/odoo-connection", async (Guid tenantId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DisableOdooConnectionCommand(tenantId), ct);
            return TypedResults.NoContent();
        });
        operatorTenants.MapPost("/odoo-connection/test", async (Guid tenantId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new TestOdooConnectionCommand(tenantId), ct)));
        operatorTenants.MapGet("/odoo-sync", async (Guid tenantId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetSyncStatusQuery(tenantId), ct)));
        operatorTenants.MapPost("/odoo-sync/requeue", async (Guid tenantId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { requeued = await mediator.Send(new RequeueDeadLettersCommand(tenantId, null), ct) }));

        endpoints.MapPost("/api/cafe/cron/odoo-sync", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RunOdooSyncTick(), ct)))
            .WithTags("Operator").RequireAuthorization(operatorPolicy);

        var tenantSync = endpoints.MapGroup("/api/cafe/odoo-sync").WithTags("Odoo sync");
        tenantSync.MapGet("/status", async (ICurrentTenant tenant, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetSyncStatusQuery(tenant.Id), ct)));
        tenantSync.MapPost("/requeue", async (ICurrentTenant tenant, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { requeued = await mediator.Send(new RequeueDeadLettersCommand(tenant.Id, null), ct) }));
        tenantSync.MapPost("/registers/{registerId:guid}/requeue", async (Guid registerId, ICurrentTenant tenant, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { requeued = await mediator.Send(new RequeueDeadLettersCommand(tenant.Id, registerId), ct) }));
        tenantSync.MapPost("/registers/{registerId:guid}/recreate", async (Guid registerId, ICurrentTenant tenant, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new RecreateInOdooCommand(tenant.Id, registerId), ct);
            return TypedResults.NoContent();
        });
    }
}
