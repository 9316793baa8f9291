using MediatR;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.RevokeApiKey;

/// <summary>Operator verb: the key stops working at once.</summary>
public sealed record RevokeApiKeyCommand(Guid KeyId) : ICommand<Done>;
