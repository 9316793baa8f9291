using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// Before a tenant's first creates go to an Odoo (its connection was just set, moved to another
/// Odoo, or the tenant just moved to Pro), one <c>search_read</c> asks which <c>pos.config</c>
/// records no register owns, archived ones included. Where there are any beyond the template the
/// registers copy and the records the operator ignores, the creates are held for the operator
/// (<see cref="HoldForAdoptionCommand"/>) instead of duplicating them; where there are none the
/// tenant is never held. Either way it is asked once per connection. The setting is read per
/// drain from the options monitor, so turning it on or off in a reloaded configuration needs no
/// restart. (Not a per-scope snapshot: binding the options again on every drain made .NET emit new
/// reflection stubs for their properties after each garbage collection, a third of the methods
/// compiled during a 1,000-tenant tick.)
/// </summary>
internal sealed class AdoptionCheck(OdooSyncDbContext db, IMediator mediator, ICurrentTenant tenant, TimeProvider clock, IOptionsMonitor<OdooSyncOptions> options)
{
    /// <summary>How many registers it held: none means the drain creates as usual.</summary>
    public async Task<int> HoldIfOdooHasRecordsAsync(IOdooClient odoo, PosConfigTemplate template, CancellationToken cancellationToken)
    {
        if (!options.CurrentValue.HoldCreatesForAdoption)
        {
            // Decided without looking: turning the hold on later holds only connections set from then on.
            await db.Connections.Where(connection => connection.AdoptionCheckedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(connection => connection.AdoptionCheckedAt, clock.GetUtcNow()), cancellationToken);
            return 0;
        }

        if (await db.Connections.AsNoTracking().AnyAsync(connection => connection.AdoptionCheckedAt != null, cancellationToken))
        {
            return 0;
        }

        var owned = await db.PosConfigs.AsNoTracking().Where(row => row.OdooPosConfigId != null)
            .Select(row => row.OdooPosConfigId!.Value).Distinct().ToListAsync(cancellationToken);
        var reply = await odoo.CallAsync(OdooCall.SearchReadWithArchived(PosConfigPayload.Model,
            [new JsonArray("id", "not in", new JsonArray(owned.Select(id => (JsonNode)id).ToArray()))], ["name", "active"], "id asc"), cancellationToken);
        var unowned = OdooPosConfigRecord.FromSearchRead(reply).Where(record => !owned.Contains(record.Id)).ToList();
        var templateId = template.Record["id"] is JsonValue id && id.TryGetValue<int>(out var known) ? known : (int?)null;
        return await mediator.Send(new HoldForAdoptionCommand(tenant.Id, clock.GetUtcNow(), unowned, templateId), cancellationToken);
    }
}
