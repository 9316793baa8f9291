using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ListRegisters;

public sealed record RegisterSyncResponse(string State, string? Error, int Attempts, int? OdooId);

public sealed record RegisterResponse(Guid Id, Guid? ShopId, string Name, string? Prefix, bool Active, string NextOrderNumber, RegisterSyncResponse? Sync);

/// <summary>The authenticated tenant's registers, optionally of one shop, by name.</summary>
public sealed record ListRegistersQuery(Guid? ShopId) : IQuery<IReadOnlyList<RegisterResponse>>;

/// <summary>One of the authenticated tenant's registers.</summary>
public sealed record GetRegisterQuery(Guid RegisterId) : IQuery<RegisterResponse>;

internal sealed class RegisterReader(RegistersDbContext db, ICurrentTenant tenant, IEnumerable<IRegisterSyncStatusReader> syncReaders)
    : IRequestHandler<ListRegistersQuery, IReadOnlyList<RegisterResponse>>, IRequestHandler<GetRegisterQuery, RegisterResponse>
{
    private sealed record RegisterRow(Guid Id, Guid? ShopId, string Name, string? Prefix, bool Active, int NextSequence);

    public Task<IReadOnlyList<RegisterResponse>> Handle(ListRegistersQuery request, CancellationToken cancellationToken) =>
        ReadAsync(request.ShopId, registerId: null, cancellationToken);

    public async Task<RegisterResponse> Handle(GetRegisterQuery request, CancellationToken cancellationToken) =>
        (await ReadAsync(shopId: null, request.RegisterId, cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException("Register", request.RegisterId);

    private async Task<IReadOnlyList<RegisterResponse>> ReadAsync(Guid? shopId, Guid? registerId, CancellationToken cancellationToken)
    {
        var tenantId = tenant.Id;
        var rows = await db.Database.SqlQuery<RegisterRow>($"""
                SELECT pc.id, pc.shop_id, pc.name, pc.sequence_prefix AS prefix,
                       pc.is_active AS active, COALESCE(ps.last_number, 0) + 1 AS next_sequence
                  FROM cafe.pos_configs pc
                  LEFT JOIN cafe.pos_sequences ps ON ps.pos_config_uuid = pc.id
                 WHERE pc.tenant_id = {tenantId}
                """)
            .Where(row => (shopId == null || row.ShopId == shopId) && (registerId == null || row.Id == registerId))
            .OrderBy(row => row.Name).ThenBy(row => row.Id)
            .ToListAsync(cancellationToken);

        var sync = new Dictionary<Guid, RegisterSyncStatus>();
        foreach (var reader in syncReaders)
        {
            foreach (var (id, status) in await reader.ReadAsync(tenantId, rows.Select(row => row.Id).ToList(), cancellationToken))
            {
                sync[id] = status;
            }
        }

        return rows.Select(row => new RegisterResponse(
                row.Id, row.ShopId, row.Name, row.Prefix, row.Active,
                OrderNumber.Format(row.Prefix, row.NextSequence),
                sync.TryGetValue(row.Id, out var status) ? new RegisterSyncResponse(status.State, status.Error, status.Attempts, status.OdooId) : null))
            .ToList();
    }
}

internal static class ListRegistersEndpoint
{
    public static void MapListRegisters(this RouteGroupBuilder registers)
    {
        registers.MapGet("/", async (Guid? shopId, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListRegistersQuery(shopId), cancellationToken)))
            .WithName("ListRegisters");
        registers.MapGet("/{registerId:guid}", async (Guid registerId, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetRegisterQuery(registerId), cancellationToken)))
            .WithName("GetRegister");
    }
}
