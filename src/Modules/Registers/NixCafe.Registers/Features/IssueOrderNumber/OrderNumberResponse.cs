namespace NixCafe.Registers.Features.IssueOrderNumber;

public sealed record OrderNumberResponse(string OrderNumber, long Sequence);
