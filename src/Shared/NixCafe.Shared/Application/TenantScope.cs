namespace NixCafe.Shared.Application;

/// <summary>
/// The one place a scope's tenant is decided. A tenant's request is its authenticated tenant and
/// cannot enter another one; anything else acts for no tenant until it enters one.
/// </summary>
public sealed class TenantScope(IAuthenticatedTenant caller) : ICurrentTenant
{
    private Guid? _entered;

    public Guid Id => _entered ?? caller.TenantId
        ?? throw new InvalidOperationException("No tenant is set in this scope: tenant data is read only by a tenant's request or inside TenantScope.Enter.");

    /// <summary>Acts for <paramref name="tenantId"/> until the result is disposed.</summary>
    public IDisposable Enter(Guid tenantId)
    {
        if (caller.TenantId is { } authenticated && authenticated != tenantId)
        {
            throw new InvalidOperationException("A tenant's request cannot act for another tenant.");
        }

        if (_entered is { } current && current != tenantId)
        {
            throw new InvalidOperationException("This scope already acts for another tenant; use a scope per tenant.");
        }

        var previous = _entered;
        _entered = tenantId;
        return new Exit(this, previous);
    }

    private sealed class Exit(TenantScope scope, Guid? previous) : IDisposable
    {
        public void Dispose() => scope._entered = previous;
    }
}
