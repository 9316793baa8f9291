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
