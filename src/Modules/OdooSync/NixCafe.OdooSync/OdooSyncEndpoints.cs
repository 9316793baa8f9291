using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Routing;
using NixCafe.OdooSync.Features.DeadLetters;
using NixCafe.OdooSync.Features.ManageConnection;
using NixCafe.OdooSync.Features.OperatorConsole;
using NixCafe.OdooSync.Features.PauseSync;
using NixCafe.OdooSync.Features.ReconcileDrift;
using NixCafe.OdooSync.Features.RunSyncTick;
using NixCafe.Shared.Web;

namespace NixCafe.OdooSync;

/// <summary>
/// Operator endpoints act for the tenant the route names; tenant endpoints for the caller's key's
/// tenant, whatever the client sends. Both send the same requests, which name no tenant: the
/// scope's tenant filters every query.
/// </summary>
internal static class OdooSyncEndpoints
{
    public static void MapOdooSyncEndpoints(this IEndpointRouteBuilder endpoints, string operatorPolicy)
    {
        var operatorTenants = endpoints.MapGroup("/api/operator/tenants/{tenantId:guid}").WithTags("Operator").RequireAuthorization(operatorPolicy).ActsForRouteTenant();
        operatorTenants.MapPut("/odoo-connection", async (Guid tenantId, OdooConnectionRequest body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new SetOdooConnectionCommand(tenantId, body.BaseUrl, body.Database, body.Login, body.ApiKey, body.Transport, body.ReplaceOdoo), ct);
            return TypedResults.Ok(await mediator.Send(new GetSyncStatusQuery(), ct));
        });
        operatorTenants.MapDelete("/odoo-connection", async (Guid tenantId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new DisableOdooConnectionCommand(tenantId), ct);
            return TypedResults.NoContent();
        });
        operatorTenants.MapPost("/odoo-connection/test", async (Guid tenantId, IMediator mediator, CancellationToken ct) =>
        {
            // A passing test makes an unhealthy connection healthy again: the audit trail says who tested, and what came of it.
            var result = await mediator.Send(new TestOdooConnectionCommand(tenantId), ct);
            await mediator.Send(new RecordOperatorActionCommand(tenantId, "odoo_connection.tested", result), ct);
            return TypedResults.Ok(result);
        });
        operatorTenants.MapGet("/odoo-sync", async (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetSyncStatusQuery(), ct)));
        operatorTenants.MapPost("/odoo-sync/requeue", async (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { requeued = await mediator.Send(new RequeueDeadLettersCommand(null), ct) }));
        operatorTenants.MapPost("/odoo-sync/pause", async (Guid tenantId, [FromBody(EmptyBodyBehavior = EmptyBodyBehavior.Allow)] PauseSyncRequest? body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new PauseSyncCommand(tenantId, body?.Reason), ct)));
        operatorTenants.MapPost("/odoo-sync/resume", async (Guid tenantId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ResumeSyncCommand(tenantId), ct)));
        operatorTenants.MapPost("/odoo-sync/drift-check", async (Guid tenantId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new CheckDriftCommand(tenantId), ct)));
        operatorTenants.MapPut("/odoo-sync/drift-policy", async (Guid tenantId, DriftPolicyRequest body, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { policy = await mediator.Send(new SetDriftPolicyCommand(tenantId, body.Policy), ct) }));
        operatorTenants.MapPut("/odoo-sync/ignored-records/{odooPosConfigId:int}", async (Guid tenantId, int odooPosConfigId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new IgnoreOdooRecordCommand(tenantId, odooPosConfigId, Ignored: true), ct);
            return TypedResults.NoContent();
        });
        operatorTenants.MapDelete("/odoo-sync/ignored-records/{odooPosConfigId:int}", async (Guid tenantId, int odooPosConfigId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new IgnoreOdooRecordCommand(tenantId, odooPosConfigId, Ignored: false), ct);
            return TypedResults.NoContent();
        });

        endpoints.MapPost("/api/cafe/cron/odoo-sync", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new RunOdooSyncTickCommand(), ct)))
            .WithTags("Operator").RequireAuthorization(operatorPolicy);

        var tenantSync = endpoints.MapGroup("/api/cafe/odoo-sync").WithTags("Odoo sync");
        tenantSync.MapGet("/status", async (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new GetSyncStatusQuery(), ct)));
        tenantSync.MapPost("/requeue", async (IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { requeued = await mediator.Send(new RequeueDeadLettersCommand(null), ct) }));
        tenantSync.MapPost("/registers/{registerId:guid}/requeue", async (Guid registerId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { requeued = await mediator.Send(new RequeueDeadLettersCommand(registerId), ct) }));
        tenantSync.MapPost("/registers/{registerId:guid}/recreate", async (Guid registerId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new RecreateInOdooCommand(registerId), ct);
            return TypedResults.NoContent();
        });
    }
}
