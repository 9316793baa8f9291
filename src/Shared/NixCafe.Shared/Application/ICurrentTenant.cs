namespace NixCafe.Shared.Application;

/// <summary>
/// The tenant whose data this DI scope may read and write: the one a tenant's request
/// authenticated as, or the one an operator request, verb or job entered explicitly
/// (<see cref="TenantScope"/>). Every query of tenant data is scoped by this value and never by an
/// id a tenant's client sends.
/// </summary>
public interface ICurrentTenant
{
    /// <summary>The tenant; throws when none is set, so code that forgot to set one fails instead of seeing every tenant.</summary>
    Guid Id { get; }
}

/// <summary>The tenant the caller authenticated as, or null (anonymous, the operator, a job, a verb). Provided by the module that authenticates callers.</summary>
public interface IAuthenticatedTenant
{
    Guid? TenantId { get; }
}

/// <summary>
/// A request sent only by the operator, a verb or a job, naming the tenant it acts for: the
/// pipeline enters that tenant's scope around it. A tenant's own requests name no tenant.
/// </summary>
public interface ITenantScopedRequest
{
    Guid TenantId { get; }
}

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
