namespace NixCafe.Tenants.Contracts;

/// <summary>The commercial plan: Starter tenants live only in NixCafe; Pro tenants also run Odoo.</summary>
public static class TenantPlans
{
    public const string Starter = "starter";
    public const string Pro = "pro";

    public static readonly IReadOnlyList<string> All = [Starter, Pro];
}
