namespace NixCafe.Tenants.Features.IssueOperatorKey;

/// <summary>The key in clear, returned once and never stored.</summary>
public sealed record IssuedOperatorKey(Guid OperatorId, string Name, string Key);
