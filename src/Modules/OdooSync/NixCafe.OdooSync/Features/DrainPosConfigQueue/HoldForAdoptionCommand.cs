using NixCafe.OdooSync.Domain;
using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// What <see cref="AdoptionCheck"/> found, recorded in one transaction: the records no register
/// owns become the tenant's <c>unknown</c> findings (the operator links registers to them), and
/// where any of them counts (<paramref name="TemplateId"/> and ignored records do not) the
/// tenant's waiting creates are held. Answers how many registers were held.
/// </summary>
/// <param name="Unowned">The records Odoo has beyond the ids the tenant's registers held at the read.</param>
/// <param name="TemplateId">The template new registers copy: every Odoo has one, so it never holds a tenant.</param>
internal sealed record HoldForAdoptionCommand(Guid TenantId, DateTimeOffset CheckedAt, IReadOnlyList<OdooPosConfigRecord> Unowned, int? TemplateId)
    : ICommand<int>, ITenantScopedRequest;
