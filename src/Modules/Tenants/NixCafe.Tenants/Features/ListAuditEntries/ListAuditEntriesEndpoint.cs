using FluentValidation;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace NixCafe.Tenants.Features.ListAuditEntries;

internal static class ListAuditEntriesEndpoint
{
    public static void MapListAuditEntries(this IEndpointRouteBuilder endpoints, string operatorPolicy) =>
        endpoints.MapGet("/api/operator/tenants/{tenantId:guid}/audit", async (Guid tenantId, int? page, int? pageSize, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListAuditEntriesQuery(tenantId, page ?? 1, pageSize ?? 50), cancellationToken)))
            .WithName("ListAuditEntries")
            .WithTags("Operator")
            .RequireAuthorization(operatorPolicy);
}
