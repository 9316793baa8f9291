using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Persistence;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

internal sealed class RecordDriftCommandHandler(OdooSyncDbContext db, QueueTransitions queue, ICurrentTenant tenant, IAuditTrail audit, CafeDbSession session, TenantDrainTriggers drains)
    : IRequestHandler<RecordDriftCommand, DriftCheckResult>
{
    public async Task<DriftCheckResult> Handle(RecordDriftCommand request, CancellationToken cancellationToken)
    {
        var connection = await db.Connections.SingleAsync(cancellationToken);
        var requested = request.RequestedIds.ToArray();
        var found = request.Found.ToDictionary(record => record.Id);
        var rows = await db.PosConfigs.AsNoTracking()
            .Where(RegisterSync.DriftCheckable<PosConfigSync>())
            .Where(row => requested.Contains(row.OdooPosConfigId!.Value))
            .Select(row => new { row.Id, row.Name, row.IsActive, row.SyncState, row.OdooPosConfigId })
            .ToListAsync(cancellationToken);

        var seen = new List<DriftFinding>();
        foreach (var row in rows)
        {
            var odooId = row.OdooPosConfigId!.Value;
            var record = found.GetValueOrDefault(odooId);
            if (RegisterSync.Restore(row.SyncState, odooId).DriftFrom(row.Name, row.IsActive, record) is { } kind)
            {
                seen.Add(Finding(odooId, row.Id, kind, record, request.CheckedAt));
            }
        }

        // Unknown: beyond what registers own now (a push may have made one since the read) and what the operator ignores.
        var unowned = request.Unowned.Select(record => record.Id).ToArray();
        var ownedNow = await db.PosConfigs.AsNoTracking().Where(row => row.OdooPosConfigId != null && unowned.Contains(row.OdooPosConfigId.Value))
            .Select(row => row.OdooPosConfigId!.Value).ToListAsync(cancellationToken);
        var ignored = await db.IgnoredOdooRecords.AsNoTracking().Select(record => record.OdooPosConfigId).ToListAsync(cancellationToken);
        seen.AddRange(request.Unowned.Where(record => !ownedNow.Contains(record.Id) && !ignored.Contains(record.Id))
            .Select(record => Finding(record.Id, null, DriftKind.Unknown, record, request.CheckedAt)));

        await ReplaceFindingsAsync(seen, cancellationToken);
        var repaired = connection.DriftPolicy == DriftPolicy.Repair ? await RepairAsync(seen, cancellationToken) : 0;
        if (repaired > 0)
        {
            drains.RequestAfterCommit(session, tenant.Id);
        }

        connection.LastDriftCheckAt = request.CheckedAt;
        connection.LastDriftCheckError = null;
        connection.DriftCheckLeasedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return new DriftCheckResult(tenant.Id, request.CheckedAt, null, null, request.OdooCalls, connection.DriftPolicy, repaired,
            await DriftFindingsReader.ReadAsync(db, cancellationToken));
    }

    private DriftFinding Finding(int odooId, Guid? registerId, string kind, OdooPosConfigRecord? record, DateTimeOffset now) => new()
    {
        TenantId = tenant.Id,
        OdooPosConfigId = odooId,
        RegisterId = registerId,
        Kind = kind,
        OdooName = record?.Name,
        OdooActive = record?.Active,
        FoundAt = now,
    };

    /// <summary>What the check saw replaces what the last one saw; a disagreement seen again keeps when it was first found.</summary>
    private async Task ReplaceFindingsAsync(List<DriftFinding> seen, CancellationToken cancellationToken)
    {
        var previous = await db.DriftFindings.ToDictionaryAsync(finding => finding.OdooPosConfigId, cancellationToken);
        foreach (var finding in seen)
        {
            if (previous.Remove(finding.OdooPosConfigId, out var earlier))
            {
                var sameDisagreement = earlier.Kind == finding.Kind && earlier.RegisterId == finding.RegisterId;
                earlier.FoundAt = sameDisagreement ? earlier.FoundAt : finding.FoundAt;
                earlier.Kind = finding.Kind;
                earlier.RegisterId = finding.RegisterId;
                earlier.OdooName = finding.OdooName;
                earlier.OdooActive = finding.OdooActive;
            }
            else
            {
                db.DriftFindings.Add(finding);
            }
        }

        db.DriftFindings.RemoveRange(previous.Values);
    }

    /// <summary>
    /// NixCafe wins, one register at a time through the domain's <see cref="RegisterSync.RepairDrift{T}"/>
    /// (a register that moved since the read is left to the queue), each audited as the policy's work.
    /// </summary>
    private async Task<int> RepairAsync(List<DriftFinding> findings, CancellationToken cancellationToken)
    {
        var repaired = 0;
        foreach (var finding in findings.Where(finding => finding.RegisterId is not null))
        {
            if (await queue.RepairDriftAsync(finding.RegisterId!.Value, finding.OdooPosConfigId, finding.Kind, cancellationToken) == 0)
            {
                continue;
            }

            repaired++;
            await audit.RecordAsync("odoo_sync.drift_repaired", finding.RegisterId!.Value,
                new { finding.Kind, finding.OdooPosConfigId, finding.OdooName, finding.OdooActive },
                new { Repair = finding.Kind == DriftKind.Deleted ? "re-create" : "update", RepairedBy = "system", Policy = DriftPolicy.Repair }, cancellationToken);
        }

        return repaired;
    }
}
