namespace NixCafe.Tenants.Features.ListAuditEntries;

public sealed record AuditPage(int Page, int PageSize, long Total, IReadOnlyList<AuditEntryResponse> Entries);
