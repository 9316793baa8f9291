using NixCafe.OdooSync.Domain;
using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>
/// What a drift check read from Odoo, recorded in one transaction: the registers are read afresh
/// (one that moved since, an edit or a push, is no longer compared), the tenant's findings are
/// replaced, and under the repair policy each repair is queued and audited.
/// </summary>
/// <param name="RequestedIds">The Odoo ids the check asked for: one of them missing from <paramref name="Found"/> is deleted.</param>
/// <param name="Found">The records Odoo answered for those ids, archived ones included.</param>
/// <param name="Unowned">The records Odoo has beyond those ids.</param>
internal sealed record RecordDriftCommand(
    Guid TenantId,
    DateTimeOffset CheckedAt,
    IReadOnlyList<int> RequestedIds,
    IReadOnlyList<OdooPosConfigRecord> Found,
    IReadOnlyList<OdooPosConfigRecord> Unowned,
    int OdooCalls) : ICommand<DriftCheckResult>, ITenantScopedRequest;
