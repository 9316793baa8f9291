using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Features.RevokeOperatorKey;

/// <summary>Host verb: the operator's key, and every console session opened with it, stop working at once.</summary>
public sealed record RevokeOperatorKeyCommand(Guid OperatorId) : ICommand<Done>;
