using MediatR;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Domain;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.IssueApiKey;

internal sealed class IssueApiKeyCommandHandler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<IssueApiKeyCommand, IssuedApiKey>
{
    public async Task<IssuedApiKey> Handle(IssueApiKeyCommand request, CancellationToken cancellationToken)
    {
        _ = await db.Tenants.FindAsync([request.TenantId], cancellationToken) ?? throw new NotFoundException("Tenant", request.TenantId);
        var (key, plainText) = ApiKey.Issue(request.TenantId, clock);
        db.ApiKeys.Add(key);
        return new IssuedApiKey(key.Id, plainText);
    }
}
