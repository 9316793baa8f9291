using NixCafe.Shared.Domain;

namespace NixCafe.OdooSync.Domain;

/// <summary>
/// A <c>pos.config</c> is one register's at most: two registers pushing their names to one record
/// would overwrite each other, and a deletion of it would read as drift of both.
/// </summary>
internal sealed class OdooRecordLinksOneRegisterAtMostRule(int odooPosConfigId, string? ownerName) : IBusinessRule
{
    public bool IsBroken() => ownerName is not null;

    public string Message => $"Odoo record {odooPosConfigId} already belongs to the register '{ownerName}'; a record is linked to one register at most.";

    public string Field => "odooPosConfigId";

    public IReadOnlyDictionary<string, object> Details => new Dictionary<string, object> { ["odooPosConfigId"] = odooPosConfigId };
}
