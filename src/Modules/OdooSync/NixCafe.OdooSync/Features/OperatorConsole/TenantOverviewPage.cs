namespace NixCafe.OdooSync.Features.OperatorConsole;

public sealed record TenantOverviewPage(int Page, int PageSize, long Total, IReadOnlyList<TenantOverview> Tenants);
