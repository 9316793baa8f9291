using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.OperatorConsole;

/// <summary>
/// Operator: every tenant's sync at a glance, a page at a time. <paramref name="Sort"/> is one of
/// <see cref="ListTenantOverviewsQueryValidator.Sorts"/>; <paramref name="NeedsAttention"/> keeps only
/// the tenants that need someone; <paramref name="Search"/> matches the tenant's name; <paramref name="TenantId"/>
/// picks one tenant (a tenant's page heads with its row).
/// </summary>
public sealed record ListTenantOverviewsQuery(int Page, int PageSize, string Sort, bool Descending, bool NeedsAttention, string? Search, Guid? TenantId = null) : IQuery<TenantOverviewPage>;
