using NixCafe.Shared.Domain;

namespace NixCafe.OdooSync.Domain;

/// <summary>
/// A register is linked only to a record Odoo was seen to have and no register owns (one of the
/// tenant's current <c>unknown</c> findings, not an ignored one): an id typed by hand could name a
/// record that does not exist, or one another tenant's register owns in a shared Odoo.
/// </summary>
internal sealed class OnlyARecordFoundUnownedCanBeLinkedRule(int odooPosConfigId, bool foundUnowned) : IBusinessRule
{
    public bool IsBroken() => !foundUnowned;

    public string Message => $"Odoo record {odooPosConfigId} is not among the records the last look at the tenant's Odoo found that no register owns; run a drift check and pick one of those.";

    public string Field => "odooPosConfigId";

    public IReadOnlyDictionary<string, object> Details => new Dictionary<string, object> { ["odooPosConfigId"] = odooPosConfigId };
}
