using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Features.RevokeApiKey;

/// <summary>Operator verb: the key stops working at once.</summary>
public sealed record RevokeApiKeyCommand(Guid KeyId) : ICommand<Done>;
