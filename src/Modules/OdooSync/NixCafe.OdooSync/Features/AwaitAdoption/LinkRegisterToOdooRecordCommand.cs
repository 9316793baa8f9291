using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.AwaitAdoption;

/// <summary>
/// Operator: a register awaiting adoption is Odoo's existing record <paramref name="OdooPosConfigId"/>
/// (one the tenant's unknown findings list): it takes that record's id, and its name and active
/// flag are pushed there instead of a new record being created. Audited.
/// </summary>
public sealed record LinkRegisterToOdooRecordCommand(Guid TenantId, Guid RegisterId, int? OdooPosConfigId) : ICommand<Done>, ITenantScopedRequest;
