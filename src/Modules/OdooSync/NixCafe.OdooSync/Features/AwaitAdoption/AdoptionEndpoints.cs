using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Shared.Web;

namespace NixCafe.OdooSync.Features.AwaitAdoption;

/// <summary>The operator's two answers to a register awaiting adoption: link it to an existing Odoo record, or release it to be created.</summary>
internal static class AdoptionEndpoints
{
    public static void MapAdoptionEndpoints(this IEndpointRouteBuilder endpoints, string operatorPolicy)
    {
        var registers = endpoints.MapGroup("/api/operator/tenants/{tenantId:guid}/odoo-sync/registers/{registerId:guid}")
            .WithTags("Operator").RequireAuthorization(operatorPolicy).ActsForRouteTenant();
        registers.MapPost("/link", async (Guid tenantId, Guid registerId, LinkRegisterRequest body, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new LinkRegisterToOdooRecordCommand(tenantId, registerId, body.OdooPosConfigId), ct);
            return TypedResults.NoContent();
        });
        registers.MapPost("/release", async (Guid tenantId, Guid registerId, IMediator mediator, CancellationToken ct) =>
        {
            await mediator.Send(new ReleaseRegisterForCreateCommand(tenantId, registerId), ct);
            return TypedResults.NoContent();
        });
    }
}
