using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.OdooSync.Features.DeadLetters;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Features.SyncFigures;
using NixCafe.Shared.Web;

namespace NixCafe.OdooSync.Features.OperatorConsole;

/// <summary>
/// What the operator console needs beyond the operator API the curl lines use: the tenants at a
/// glance, a tenant's registers, and the per-register and drain actions the tenant's own API has.
/// Actions that call Odoo (a drain, a test) are audited with their outcome once they are done.
/// </summary>
internal static class OperatorConsoleEndpoints
{
    public static void MapOperatorConsoleEndpoints(this IEndpointRouteBuilder endpoints, string operatorPolicy)
    {
        endpoints.MapGet("/api/operator/tenants", async (int? page, int? pageSize, string? sort, bool? descending, bool? needsAttention, string? search, Guid? tenantId,
                IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new ListTenantOverviewsQuery(page ?? 1, pageSize ?? 50, sort ?? "name", descending ?? false, needsAttention ?? false, search, tenantId), ct)))
            .WithTags("Operator").RequireAuthorization(operatorPolicy);

        endpoints.MapGet("/api/operator/odoo-sync/figures", async (IMediator mediator, CancellationToken ct) =>
                TypedResults.Ok(await mediator.Send(new GetSyncFiguresQuery(), ct)))
            .WithTags("Operator").RequireAuthorization(operatorPolicy);

        var tenant = endpoints.MapGroup("/api/operator/tenants/{tenantId:guid}").WithTags("Operator").RequireAuthorization(operatorPolicy).ActsForRouteTenant();
        tenant.MapGet("/registers", async (Guid tenantId, int? page, int? pageSize, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(await mediator.Send(new ListTenantRegistersQuery(tenantId, page ?? 1, pageSize ?? 50), ct)));
        tenant.MapPost("/odoo-sync/registers/{registerId:guid}/requeue", async (Guid registerId, IMediator mediator, CancellationToken ct) =>
            TypedResults.Ok(new { requeued = await mediator.Send(new RequeueDeadLettersCommand(registerId), ct) }));
        tenant.MapPost("/odoo-sync/registers/{registerId:guid}/recreate", async (Guid registerId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new RecreateInOdooCommand(registerId), ct);
            return TypedResults.NoContent();
        });
        tenant.MapPost("/odoo-sync/drain", async (Guid tenantId, IMediator mediator, KnownTenant known, CancellationToken ct) =>
        {
            await known.EnsureExistsAsync(ct);
            var result = await mediator.Send(new DrainPosConfigQueueCommand(tenantId), ct);
            await mediator.Send(new RecordOperatorActionCommand(tenantId, "odoo_sync.drained", result), ct);
            return TypedResults.Ok(result);
        });
    }
}
