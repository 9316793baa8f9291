namespace NixCafe.Shared.Domain;

/// <summary>A row of one tenant: every module's DbContext shows it only to that tenant's scope (see ModuleDbContext).</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
