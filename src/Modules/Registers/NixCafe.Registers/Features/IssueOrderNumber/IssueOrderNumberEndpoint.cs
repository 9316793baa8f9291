using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace NixCafe.Registers.Features.IssueOrderNumber;

internal static class IssueOrderNumberEndpoint
{
    public static void MapIssueOrderNumber(this RouteGroupBuilder registers) =>
        registers.MapPost("/{registerId:guid}/order-numbers", async (Guid registerId, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new IssueOrderNumberCommand(registerId), cancellationToken)))
            .WithName("IssueOrderNumber");
}
