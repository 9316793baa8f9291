using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.IssueOrderNumber;

/// <summary>The register's next order number; needs no validator (the route guarantees the id).</summary>
public sealed record IssueOrderNumberCommand(Guid RegisterId) : ICommand<OrderNumberResponse>;
