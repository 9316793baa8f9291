using System.Text.Json.Nodes;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>What a pos.config create and update send through <c>load</c>.</summary>
public sealed class PosConfigPayloadTests
{
    private static readonly Guid Register = Guid.Parse("2cdd1645-ab5c-478f-8b54-4f6bc63521df");

    private static JsonObject Field(string type, bool store = true, bool readOnly = false) =>
        new() { ["type"] = type, ["store"] = store, ["readonly"] = readOnly };

    [Fact]
    public void Only_clone_fields_Odoo_describes_with_the_expected_type_stored_and_writable_are_copied()
    {
        var fieldsGet = new JsonObject
        {
            ["name"] = Field("char"),
            ["journal_id"] = Field("many2one"),
            ["picking_type_id"] = Field("many2one", readOnly: true),
            ["currency_id"] = Field("many2one", store: false),
            ["pricelist_id"] = Field("many2many"),
            ["company_id"] = Field("many2one"),
            ["available_pricelist_ids"] = Field("many2many"),
            ["payment_method_ids"] = Field("many2many"),
        };

        var fields = PosConfigPayload.Writable(fieldsGet);

        // stock_location_id and invoice_journal_id are unknown here (Odoo 16 has no stock_location_id): never sent.
        Assert.Equal(["journal_id", "company_id"], fields.ManyToOne);
        Assert.Equal(["available_pricelist_ids", "payment_method_ids"], fields.ManyToMany);
    }

    [Fact]
    public void A_create_is_keyed_by_the_registers_external_id_and_copies_the_templates_many2ones_and_pricelists()
    {
        var template = new PosConfigTemplate(
            new CloneFields(["journal_id", "company_id"], ["available_pricelist_ids"]),
            JsonNode.Parse("""{"id": 1, "name": "Shop", "journal_id": [9, "Point of Sale"], "company_id": [1, "My Company"], "available_pricelist_ids": [4, 5]}""")!.AsObject(),
            [], HasCashPaymentMethod: false);

        var (columns, cells) = PosConfigPayload.LoadRow(template, Register, "Front", active: false, cashMethodId: null);

        Assert.Equal("""["id","name","active","journal_id/.id","company_id/.id","available_pricelist_ids/.id"]""", columns.ToJsonString());
        Assert.Equal("""["__nixcafe__.register_2cdd1645ab5c478f8b544f6bc63521df","Front","False","9","1","4,5"]""", cells.ToJsonString());
    }

    [Fact]
    public void An_update_sends_only_what_NixCafe_owns_by_database_id()
    {
        Assert.Equal("""[".id","name","active"]""", PosConfigPayload.UpdateColumns().ToJsonString());
        Assert.Equal("""["42","Drive through","True"]""", PosConfigPayload.UpdateRow(42, "Drive through", active: true).ToJsonString());
    }
}
