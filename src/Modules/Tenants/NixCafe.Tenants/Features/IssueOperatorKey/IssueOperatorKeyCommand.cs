using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Features.IssueOperatorKey;

/// <summary>Host verb: a key for a named operator, who then signs in to the console and is named in the audit trail.</summary>
public sealed record IssueOperatorKeyCommand(string Name) : ICommand<IssuedOperatorKey>;
