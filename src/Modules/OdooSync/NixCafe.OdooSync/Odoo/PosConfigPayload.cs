using System.Globalization;
using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// Builds pos.config payloads (the clone-from-template of <c>docs/design.md</c>, against Odoo as
/// <c>docs/odoo-protocol.md</c> found it):
/// a new register copies the template's journal, picking type, pricelists, payment methods and
/// company so it works in Odoo at once, and overrides name and active.
/// </summary>
internal static class PosConfigPayload
{
    public const string Model = "pos.config";

    /// <summary>The clone list of <c>docs/design.md</c>. Some of it (stock_location_id) does not exist in Odoo 16 (<c>docs/odoo-protocol.md</c>).</summary>
    private static readonly string[] WantedManyToOne = ["journal_id", "picking_type_id", "pricelist_id", "company_id", "currency_id", "invoice_journal_id", "stock_location_id"];

    private static readonly string[] WantedManyToMany = ["available_pricelist_ids", "payment_method_ids"];

    public static string ExternalId(Guid registerId) => $"__nixcafe__.register_{registerId:N}";

    /// <summary>
    /// Keeps the clone fields that <c>fields_get</c> reports with the expected type, stored and
    /// writable: a computed field (currency_id: store false) would be ignored, an unknown one is a
    /// hard error, so neither is ever sent.
    /// </summary>
    public static CloneFields Writable(JsonObject fieldsGet)
    {
        bool Usable(string name, string type) =>
            fieldsGet[name] is JsonObject field
            && field["type"]?.GetValue<string>() == type
            && field["store"]?.GetValue<bool>() != false
            && field["readonly"]?.GetValue<bool>() != true;

        return new CloneFields(
            WantedManyToOne.Where(name => Usable(name, "many2one")).ToList(),
            WantedManyToMany.Where(name => Usable(name, "many2many")).ToList());
    }

    /// <summary>
    /// One <c>load</c> row (every cell a string) and its columns. The external id makes a retry
    /// after a lost reply update the record instead of creating a second one. A many2one the
    /// template leaves empty is left out, so Odoo applies its default ("" would mean "set false").
    /// The payment methods are the template's non-cash ones plus the register's own cash method.
    /// </summary>
    public static (JsonArray Columns, JsonArray Cells) LoadRow(PosConfigTemplate template, Guid registerId, string name, bool active, int? cashMethodId)
    {
        var columns = new JsonArray("id", "name", "active");
        var cells = new JsonArray(ExternalId(registerId), name, active ? "True" : "False");
        foreach (var field in template.Fields.ManyToOne)
        {
            if (template.Record[field] is JsonArray { Count: > 0 } pair)
            {
                columns.Add($"{field}/.id");
                cells.Add(pair[0]!.GetValue<int>().ToString(CultureInfo.InvariantCulture));
            }
        }

        foreach (var field in template.Fields.ManyToMany)
        {
            var ids = field == CashMethodPayload.PaymentMethodsField
                ? template.NonCashPaymentMethodIds.Concat(cashMethodId is { } own ? [own] : [])
                : (template.Record[field] as JsonArray ?? []).Select(id => id!.GetValue<int>());
            columns.Add($"{field}/.id");
            cells.Add(string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture))));
        }

        return (columns, cells);
    }

    /// <summary>The columns of an update <c>load</c>: by database id, only what NixCafe owns.</summary>
    public static JsonArray UpdateColumns() => new(".id", "name", "active");

    /// <summary>The rename / (de)activation of <c>docs/design.md</c> as one <c>load</c> row, so a tenant's updates go in one call.</summary>
    public static JsonArray UpdateRow(int odooId, string name, bool active) =>
        new(odooId.ToString(CultureInfo.InvariantCulture), name, active ? "True" : "False");
}
