namespace NixCafe.Shared.Application;

/// <summary>The tenant the caller authenticated as, or null (anonymous, the operator, a job, a verb). Provided by the module that authenticates callers.</summary>
public interface IAuthenticatedTenant
{
    Guid? TenantId { get; }
}
