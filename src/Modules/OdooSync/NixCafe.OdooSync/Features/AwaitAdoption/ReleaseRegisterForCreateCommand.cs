using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.AwaitAdoption;

/// <summary>Operator: a register awaiting adoption is none of Odoo's existing records: it is created there. Audited.</summary>
public sealed record ReleaseRegisterForCreateCommand(Guid TenantId, Guid RegisterId) : ICommand<Done>, ITenantScopedRequest;
