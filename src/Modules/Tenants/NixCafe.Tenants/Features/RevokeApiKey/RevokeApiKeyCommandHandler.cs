using MediatR;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.RevokeApiKey;

internal sealed class RevokeApiKeyCommandHandler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<RevokeApiKeyCommand, Done>
{
    public async Task<Done> Handle(RevokeApiKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FindAsync([request.KeyId], cancellationToken) ?? throw new NotFoundException("API key", request.KeyId);
        key.Revoke(clock);
        return Done.Value;
    }
}
