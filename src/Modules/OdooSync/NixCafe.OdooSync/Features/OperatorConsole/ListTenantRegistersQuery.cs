using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.OperatorConsole;

/// <summary>Operator: a tenant's registers with their sync, dead letters first, then the waiting ones, then by name.</summary>
public sealed record ListTenantRegistersQuery(Guid TenantId, int Page, int PageSize) : IQuery<TenantRegisterPage>, ITenantScopedRequest;
