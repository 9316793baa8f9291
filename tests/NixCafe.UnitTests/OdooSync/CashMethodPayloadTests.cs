using System.Text.Json.Nodes;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.UnitTests.OdooSync;

public sealed class CashMethodPayloadTests
{
    private static readonly Guid Register = Guid.Parse("2cdd1645-ab5c-478f-8b54-4f6bc63521df");

    private static PosConfigTemplate Template(params int[] nonCash) => new(
        new CloneFields(["journal_id", "pricelist_id"], ["payment_method_ids"]),
        JsonNode.Parse("""{"id": 1, "name": "Shop", "journal_id": [9, "Point of Sale"], "pricelist_id": false, "payment_method_ids": [2, 3, 1]}""")!.AsObject(),
        nonCash, HasCashPaymentMethod: true);

    [Fact]
    public void Every_step_of_a_create_is_keyed_by_an_external_id_derived_from_the_register()
    {
        Assert.Equal("[\"__nixcafe__.register_2cdd1645ab5c478f8b544f6bc63521df_cash_journal\",\"Cash Front\",\"cash\"]", CashMethodPayload.JournalRow(Register, "Front").ToJsonString());
        Assert.Equal("[\"__nixcafe__.register_2cdd1645ab5c478f8b544f6bc63521df_cash_method\",\"Cash\",\"__nixcafe__.register_2cdd1645ab5c478f8b544f6bc63521df_cash_journal\"]", CashMethodPayload.MethodRow(Register).ToJsonString());
        Assert.Equal("__nixcafe__.register_2cdd1645ab5c478f8b544f6bc63521df", PosConfigPayload.ExternalId(Register));
    }

    [Fact]
    public void A_new_config_gets_the_templates_non_cash_methods_and_its_own_cash_method_only()
    {
        var (columns, cells) = PosConfigPayload.LoadRow(Template(2, 3), Register, "Front", active: true, cashMethodId: 7);

        Assert.Equal("[\"id\",\"name\",\"active\",\"journal_id/.id\",\"payment_method_ids/.id\"]", columns.ToJsonString());
        // An empty many2one (pricelist_id: false) is left out so Odoo applies its default.
        Assert.Equal("[\"__nixcafe__.register_2cdd1645ab5c478f8b544f6bc63521df\",\"Front\",\"True\",\"9\",\"2,3,7\"]", cells.ToJsonString());
    }
}
