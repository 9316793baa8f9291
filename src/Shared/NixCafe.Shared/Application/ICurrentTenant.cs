namespace NixCafe.Shared.Application;

/// <summary>
/// The tenant the current request was authenticated as. Every query of tenant data is scoped by
/// this value and never by an id the client sends.
/// </summary>
public interface ICurrentTenant
{
    /// <summary>The authenticated tenant; throws when the request is not a tenant's.</summary>
    Guid Id { get; }
}
