using FluentValidation;
using FluentValidation.Results;
using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.Tenants.Domain;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.IssueOperatorKey;

internal sealed class IssueOperatorKeyCommandHandler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<IssueOperatorKeyCommand, IssuedOperatorKey>
{
    public async Task<IssuedOperatorKey> Handle(IssueOperatorKeyCommand request, CancellationToken cancellationToken)
    {
        var name = request.Name.Trim();
        // The audit trail tells operators apart by name: two working keys must not share one.
        // (A unique index backs this against a concurrent issue.)
        if (await db.OperatorKeys.AnyAsync(k => k.Name.ToLower() == name.ToLower() && k.RevokedAt == null, cancellationToken))
        {
            throw new ValidationException([new ValidationFailure("name", $"An operator named '{name}' already has a key: revoke it first.")]);
        }

        var (key, plainText) = OperatorKey.Issue(name, clock);
        db.OperatorKeys.Add(key);
        return new IssuedOperatorKey(key.Id, key.Name, plainText);
    }
}
