using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.ListAuditEntries;

internal sealed class ListAuditEntriesQueryHandler(TenantsDbContext db, ICurrentTenant tenant) : IRequestHandler<ListAuditEntriesQuery, AuditPage>
{
    private sealed record Row(long Id, DateTimeOffset At, string ActorKind, string ActorId, string Action, Guid SubjectId, string? Before, string? After);

    public async Task<AuditPage> Handle(ListAuditEntriesQuery request, CancellationToken cancellationToken)
    {
        // Raw SQL is not filtered: the tenant comes from the scope the pipeline entered, like the filters'.
        var tenantId = tenant.Id;
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
        {
            throw new NotFoundException("Tenant", tenantId);
        }

        // Paged in the SQL itself: EF names a composed LIMIT's parameter like the raw query's own.
        var total = await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM audit.entries WHERE tenant_id = {tenantId}")
            .SingleAsync(cancellationToken);
        var offset = (long)(request.Page - 1) * request.PageSize;
        var rows = await db.Database.SqlQuery<Row>($"""
            SELECT id, at, actor_kind, actor_id, action, subject_id, before::text AS before, after::text AS after
              FROM audit.entries
             WHERE tenant_id = {tenantId}
             ORDER BY id DESC
             LIMIT {request.PageSize} OFFSET {offset}
            """).ToListAsync(cancellationToken);
        return new AuditPage(request.Page, request.PageSize, total, rows.Select(row => new AuditEntryResponse(
            row.Id, row.At, row.ActorKind, row.ActorId, row.Action, row.SubjectId, Parse(row.Before), Parse(row.After))).ToList());
    }

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
