using NixCafe.Shared.Application;

namespace NixCafe.UnitTests.Shared;

public sealed class TenantScopeTests
{
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    private sealed class Caller(Guid? tenantId) : IAuthenticatedTenant
    {
        public Guid? TenantId => tenantId;
    }

    [Fact]
    public void A_tenants_request_is_its_own_tenant_and_cannot_enter_another()
    {
        var scope = new TenantScope(new Caller(A));

        Assert.Equal(A, scope.Id);
        Assert.Throws<InvalidOperationException>(() => scope.Enter(B));
        using (scope.Enter(A))
        {
            Assert.Equal(A, scope.Id);
        }
    }

    [Fact]
    public void Without_a_tenant_nothing_is_readable_until_one_is_entered_and_leaving_restores_that()
    {
        var scope = new TenantScope(new Caller(null));

        Assert.Throws<InvalidOperationException>(() => scope.Id);
        using (scope.Enter(B))
        {
            Assert.Equal(B, scope.Id);
            // One scope acts for one tenant at a time: cross-tenant work uses a scope per tenant.
            Assert.Throws<InvalidOperationException>(() => scope.Enter(A));
        }

        Assert.Throws<InvalidOperationException>(() => scope.Id);
    }
}
