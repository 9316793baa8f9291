using NixCafe.Shared.Domain;

namespace NixCafe.OdooSync.Domain;

/// <summary>
/// A connection pointed at another Odoo (server or database) knows none of the registers there,
/// so every register is created there anew and the old Odoo is no longer updated: where the old
/// Odoo has registers, the operator says so knowingly, told first how many registers that pushes.
/// </summary>
internal sealed class MovingToAnotherOdooMustBeConfirmedRule(bool registersAreInTheOldOdoo, bool confirmed, int registersToPush, string newOdoo) : IBusinessRule
{
    public bool IsBroken() => registersAreInTheOldOdoo && !confirmed;

    public string Message =>
        $"This connection names another Odoo ({newOdoo}) than the one the tenant's registers were pushed to: all {registersToPush} of them will be created there, "
        + "and the old Odoo will no longer be updated. Send the same request with \"replaceOdoo\": true to make the change.";

    public string Field => "replaceOdoo";

    public IReadOnlyDictionary<string, object> Details => new Dictionary<string, object> { ["registersToPush"] = registersToPush };
}
