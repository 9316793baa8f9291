using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

internal sealed class ShopMustBelongToTenantRule(bool shopBelongsToTenant) : IBusinessRule
{
    public bool IsBroken() => !shopBelongsToTenant;

    public string Message => "The shop was not found.";

    public string Field => "shopId";

    public bool ReportsAsNotFound => true;
}
