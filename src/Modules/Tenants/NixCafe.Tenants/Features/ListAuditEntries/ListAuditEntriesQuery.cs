using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Features.ListAuditEntries;

/// <summary>Operator: a tenant's audit trail, newest first.</summary>
public sealed record ListAuditEntriesQuery(Guid TenantId, int Page, int PageSize) : IQuery<AuditPage>, ITenantScopedRequest;
