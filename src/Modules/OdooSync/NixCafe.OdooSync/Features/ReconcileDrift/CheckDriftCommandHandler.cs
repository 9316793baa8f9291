using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>
/// Reads the tenant's records back by the Odoo ids its registers hold (never by external id:
/// registers Bundle 1's backfill carried over have an Odoo id but no <c>__nixcafe__</c> external
/// id, and must not read as deleted), archived ones included, <see cref="ReadBatch"/> ids a call,
/// then the records beyond those ids in one more call: a fixed few calls per tenant, never one per
/// register. It runs in one of the host's drain slots, so its calls count against the same limit
/// as the drains'. An Odoo that fails makes the check fail softly: recorded on the connection,
/// nothing compared, nothing repaired, tried again at the next check.
/// </summary>
internal sealed class CheckDriftCommandHandler(
    ITenantDirectory tenants,
    DrainableConnection connections,
    DriftChecks checks,
    OdooSyncDbContext db,
    IMediator mediator,
    TimeProvider clock,
    ILogger<CheckDriftCommandHandler> logger) : IRequestHandler<CheckDriftCommand, DriftCheckResult>
{
    /// <summary>Ids per <c>search_read</c>: a thousand registers cost two calls, plus one for the records no register owns.</summary>
    internal const int ReadBatch = 500;

    private static readonly string[] Fields = ["name", "active"];

    public async Task<DriftCheckResult> Handle(CheckDriftCommand request, CancellationToken cancellationToken)
    {
        // The tenant an operator names in the route: an unknown one is a 404, not a skipped check.
        if (await tenants.GetPlanAsync(request.TenantId, cancellationToken) is null)
        {
            throw new NotFoundException("Tenant", request.TenantId);
        }

        var checkedAt = clock.GetUtcNow();
        var policy = await db.Connections.AsNoTracking().Select(connection => connection.DriftPolicy).SingleOrDefaultAsync(cancellationToken) ?? DriftPolicy.Report;
        var (odoo, _, skipped, _) = await connections.OpenAsync(request.TenantId, cancellationToken);
        if (odoo is null)
        {
            return await SkippedAsync(request.TenantId, checkedAt, policy, skipped!, cancellationToken);
        }

        if (!await checks.TryLeaseAsync(cancellationToken))
        {
            return await SkippedAsync(request.TenantId, checkedAt, policy, "another drift check of this tenant is running", cancellationToken);
        }

        var recorded = false;
        try
        {
            var owned = await db.PosConfigs.AsNoTracking().Where(row => row.OdooPosConfigId != null)
                .Select(row => row.OdooPosConfigId!.Value).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
            var calls = 0;
            List<OdooPosConfigRecord> found = [], unowned;
            try
            {
                foreach (var batch in owned.Chunk(ReadBatch))
                {
                    calls++;
                    found.AddRange(OdooPosConfigRecord.FromSearchRead(await odoo.CallAsync(Read(new JsonArray("id", "in", Ids(batch))), cancellationToken)));
                }

                calls++;
                unowned = OdooPosConfigRecord.FromSearchRead(await odoo.CallAsync(Read(new JsonArray("id", "not in", Ids(owned))), cancellationToken));
            }
            catch (OdooException failure)
            {
                await checks.RecordFailureAsync(checkedAt, failure.Reason, cancellationToken);
                recorded = true;
                logger.LogWarning("The drift check of tenant {TenantId} failed ({Kind}): {Reason}", request.TenantId, failure.Kind, failure.Reason);
                return new DriftCheckResult(request.TenantId, checkedAt, null, failure.Reason, calls, policy, 0,
                    await DriftFindingsReader.ReadAsync(db, cancellationToken));
            }

            // Asked by id, a record Odoo answers is one of those ids; anything else would be a server that ignored the domain.
            var asked = owned.ToHashSet();
            var result = await mediator.Send(new RecordDriftCommand(request.TenantId, checkedAt, owned, found.Where(record => asked.Contains(record.Id)).ToList(),
                unowned.Where(record => !asked.Contains(record.Id)).ToList(), calls), cancellationToken);
            recorded = true;
            logger.LogInformation("Drift check of tenant {TenantId}: {Findings} finding(s), {Repaired} repaired, {Calls} Odoo call(s)",
                request.TenantId, result.Findings.Count, result.Repaired, calls);
            return result;
        }
        finally
        {
            if (!recorded)
            {
                await checks.ReleaseAsync();
            }
        }
    }

    private static OdooCall Read(JsonArray term) => OdooCall.SearchReadWithArchived(PosConfigPayload.Model, [term], Fields, "id asc");

    private static JsonArray Ids(IEnumerable<int> ids) => new(ids.Select(id => (JsonNode)id).ToArray());

    private async Task<DriftCheckResult> SkippedAsync(Guid tenantId, DateTimeOffset checkedAt, string policy, string reason, CancellationToken cancellationToken) =>
        new(tenantId, checkedAt, reason, null, 0, policy, 0, await DriftFindingsReader.ReadAsync(db, cancellationToken));
}
