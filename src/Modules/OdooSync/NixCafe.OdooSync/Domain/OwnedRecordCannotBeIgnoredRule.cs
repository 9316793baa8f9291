using NixCafe.Shared.Domain;

namespace NixCafe.OdooSync.Domain;

/// <summary>
/// Only a record no register owns can be ignored: a register's own record that drifted is the
/// register's business (its finding clears when the two sides agree again, or the repair policy
/// mends it), and ignoring it would hide a deletion.
/// </summary>
internal sealed class OwnedRecordCannotBeIgnoredRule(int odooPosConfigId, bool ownedByARegister) : IBusinessRule
{
    public bool IsBroken() => ownedByARegister;

    public string Message => $"Odoo record {odooPosConfigId} belongs to one of the tenant's registers; only a record no register owns can be ignored.";

    public string Field => "odooPosConfigId";

    public IReadOnlyDictionary<string, object> Details => new Dictionary<string, object> { ["odooPosConfigId"] = odooPosConfigId };
}
