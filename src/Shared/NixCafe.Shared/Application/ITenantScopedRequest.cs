namespace NixCafe.Shared.Application;

/// <summary>
/// A request sent only by the operator, a verb or a job, naming the tenant it acts for: the
/// pipeline enters that tenant's scope around it. A tenant's own requests name no tenant.
/// </summary>
public interface ITenantScopedRequest
{
    Guid TenantId { get; }
}
