using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>A pos.config record as the fake stores it.</summary>
public sealed class FakePosConfig
{
    public int Id { get; init; }

    public string Name { get; set; } = "";

    public bool Active { get; set; } = true;

    /// <summary>many2one values by field name (journal_id, picking_type_id, …); null is Odoo's false.</summary>
    public Dictionary<string, int?> ManyToOne { get; init; } = [];

    /// <summary>many2many id sets by field name (available_pricelist_ids, payment_method_ids).</summary>
    public Dictionary<string, List<int>> ManyToMany { get; init; } = [];

    public FakePosConfig Copy() => new()
    {
        Id = Id,
        Name = Name,
        Active = Active,
        ManyToOne = new Dictionary<string, int?>(ManyToOne),
        ManyToMany = ManyToMany.ToDictionary(pair => pair.Key, pair => pair.Value.ToList()),
    };
}

/// <summary>The pos.config fields of Odoo 16 as <c>fields_get</c> describes them (odoo-protocol.md).</summary>
internal sealed record FakeField(string Name, string Type, string Label, string? Relation = null, bool Required = false, bool ReadOnly = false, bool Store = true)
{
    public static readonly IReadOnlyDictionary<string, FakeField> PosConfig = new FakeField[]
    {
        new("id", "integer", "ID", ReadOnly: true),
        new("display_name", "char", "Display Name", ReadOnly: true, Store: false),
        new("name", "char", "Point of Sale Name", Required: true),
        new("active", "boolean", "Active"),
        new("journal_id", "many2one", "Point of Sale Journal", "account.journal"),
        new("picking_type_id", "many2one", "Operation Type", "stock.picking.type", Required: true),
        new("pricelist_id", "many2one", "Default Pricelist", "product.pricelist", Required: true),
        new("company_id", "many2one", "Company", "res.company", Required: true),
        new("invoice_journal_id", "many2one", "Invoice Journal", "account.journal"),
        new("currency_id", "many2one", "Currency", "res.currency", ReadOnly: true, Store: false),
        new("available_pricelist_ids", "many2many", "Available Pricelists", "product.pricelist"),
        new("payment_method_ids", "many2many", "Payment Methods", "pos.payment.method"),
    }.ToDictionary(field => field.Name);

    public JsonObject Describe() => new()
    {
        ["type"] = Type,
        ["string"] = Label,
        ["required"] = Required,
        ["readonly"] = ReadOnly,
        ["store"] = Store,
        ["relation"] = Relation is null ? null : JsonValue.Create(Relation),
    };
}

/// <summary>The records the template's many2one and many2many ids point at, with their display names.</summary>
internal static class FakeRelated
{
    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> Records = new Dictionary<string, IReadOnlyDictionary<int, string>>
    {
        ["account.journal"] = new Dictionary<int, string> { [9] = "Point of Sale", [1] = "Customer Invoices" },
        ["stock.picking.type"] = new Dictionary<int, string> { [13] = "YourCompany: PoS Orders" },
        ["product.pricelist"] = new Dictionary<int, string> { [1] = "Public Pricelist (USD)", [2] = "Staff Pricelist (USD)" },
        ["res.company"] = new Dictionary<int, string> { [1] = "My Company (San Francisco)" },
        ["res.currency"] = new Dictionary<int, string> { [2] = "USD" },
        ["pos.payment.method"] = new Dictionary<int, string> { [1] = "Cash", [2] = "Bank", [3] = "Customer Account" },
    };

    public static bool Exists(string relation, int id) => Records.TryGetValue(relation, out var records) && records.ContainsKey(id);

    public static string Name(string relation, int id) => Records[relation].GetValueOrDefault(id, $"#{id}");
}

/// <summary>An RPC-level error: becomes the standard error envelope with this <c>data.name</c>.</summary>
internal sealed class FakeRpcException(string name, string message) : Exception(message)
{
    public string OdooName { get; } = name;

    public static FakeRpcException ValueError(string message) => new("builtins.ValueError", message);

    public static FakeRpcException Validation(string message) => new("odoo.exceptions.ValidationError", message);
}
