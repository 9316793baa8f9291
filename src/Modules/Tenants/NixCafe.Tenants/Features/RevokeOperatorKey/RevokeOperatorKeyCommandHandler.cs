using MediatR;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.RevokeOperatorKey;

internal sealed class RevokeOperatorKeyCommandHandler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<RevokeOperatorKeyCommand, Done>
{
    public async Task<Done> Handle(RevokeOperatorKeyCommand request, CancellationToken cancellationToken)
    {
        var key = await db.OperatorKeys.FindAsync([request.OperatorId], cancellationToken) ?? throw new NotFoundException("Operator", request.OperatorId);
        key.Revoke(clock);
        return Done.Value;
    }
}
