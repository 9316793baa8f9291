namespace NixCafe.FakeOdoo;

/// <summary>
/// pos.config as a real Odoo answers it on each version: <c>pricelist_id</c> required on 16
/// only, <c>currency_id</c> stored on 19 only (computed everywhere, so never written), and
/// since 17 a cash payment method may belong to one point of sale only.
/// </summary>
internal sealed class FakePosConfigModel(FakeOdooDatabase database) : FakeModel<FakePosConfig>(database)
{
    public const string ModelName = "pos.config";
    private const string PaymentMethods = "payment_method_ids";
    private const string AvailablePricelists = "available_pricelist_ids";

    private static readonly IReadOnlyDictionary<int, IReadOnlyDictionary<string, FakeField>> FieldsByVersion =
        Enumerable.Range(16, 4).ToDictionary(number => number, number => FieldsOf(new FakeOdooVersion(number, jsonRpc: true)));

    public override string Name => ModelName;

    public override IReadOnlyDictionary<string, FakeField> Fields => FieldsByVersion[Database.Version.Number];

    /// <summary>Adds a point of sale with the defaults, as a back-office user does.</summary>
    public FakePosConfig Add(string name, bool active = true)
    {
        var record = NewRecord(NextId);
        record.Name = name;
        record.Active = active;
        Store(record);
        return record;
    }

    private static IReadOnlyDictionary<string, FakeField> FieldsOf(FakeOdooVersion version) => new FakeField[]
    {
        FakeField.Id,
        FakeField.DisplayName,
        new("name", "char", "Point of Sale Name", Required: true),
        new("active", "boolean", "Active"),
        new("journal_id", "many2one", "Point of Sale Journal", FakeJournalModel.ModelName),
        new("picking_type_id", "many2one", "Operation Type", "stock.picking.type", Required: true),
        new("pricelist_id", "many2one", "Default Pricelist", "product.pricelist", Required: version.PricelistRequired),
        new("company_id", "many2one", "Company", "res.company", Required: true),
        new("invoice_journal_id", "many2one", "Invoice Journal", FakeJournalModel.ModelName),
        new("currency_id", "many2one", "Currency", "res.currency", ReadOnly: true, Store: version.CurrencyStored),
        new(AvailablePricelists, "many2many", "Available Pricelists", "product.pricelist"),
        new(PaymentMethods, "many2many", "Payment Methods", FakePaymentMethodModel.ModelName),
    }.ToDictionary(field => field.Name);

    protected override int IdOf(FakePosConfig record) => record.Id;

    protected override FakePosConfig NewRecord(int id)
    {
        var version = Database.Version;
        return new FakePosConfig
        {
            Id = id,
            ManyToOne = new Dictionary<string, int?>
            {
                ["journal_id"] = 9,
                ["picking_type_id"] = 13,
                ["pricelist_id"] = version.PricelistRequired ? 1 : null,
                ["company_id"] = 1,
                ["invoice_journal_id"] = 1,
                ["currency_id"] = 2,
            },
            ManyToMany = new Dictionary<string, List<int>>
            {
                [AvailablePricelists] = version.PricelistRequired ? [1] : [],
                // Since 17 the default payment methods leave cash out: a cash method belongs to one point of sale.
                [PaymentMethods] = version.CashMethodPerConfig ? [2] : [1, 2, 3],
            },
        };
    }

    protected override FakePosConfig Copy(FakePosConfig record) => record.Copy();

    protected override object? Get(FakePosConfig record, FakeField field) => field.Type switch
    {
        "integer" => record.Id,
        "char" => record.Name,
        "boolean" => record.Active,
        "many2one" => record.ManyToOne.GetValueOrDefault(field.Name),
        _ => record.ManyToMany.GetValueOrDefault(field.Name, []),
    };

    protected override FakePosConfig Assign(FakePosConfig record, FakeField field, object? value)
    {
        switch (field.Type)
        {
            case "char":
                record.Name = (string?)value ?? "";
                break;
            case "boolean":
                record.Active = (bool)value!;
                break;
            case "many2one":
                record.ManyToOne[field.Name] = (int?)value;
                break;
            default:
                record.ManyToMany[field.Name] = (List<int>)value!;
                break;
        }

        return record;
    }

    protected override FakePosConfig Validated(FakePosConfig record, Change change)
    {
        if (record.ManyToMany.GetValueOrDefault(AvailablePricelists, []) is { Count: > 0 } available
            && record.ManyToOne.GetValueOrDefault("pricelist_id") is { } pricelist && !available.Contains(pricelist))
        {
            throw FakeRpcException.Validation("The default pricelist must be included in the available pricelists.", AvailablePricelists);
        }

        // Checked whenever the payment methods are set, archived points of sale counting too.
        if (Database.Version.CashMethodPerConfig && (change.Created || change.Assigned.Contains(PaymentMethods)))
        {
            var usedElsewhere = RecordsAfter(change.Staged).Where(other => other.Id != record.Id)
                .SelectMany(other => other.ManyToMany.GetValueOrDefault(PaymentMethods, [])).ToHashSet();
            if (record.ManyToMany.GetValueOrDefault(PaymentMethods, []).Any(method => usedElsewhere.Contains(method) && Database.PaymentMethods.IsCash(method)))
            {
                throw FakeRpcException.Validation(
                    "This cash payment method is already used in another Point of Sale.\nA new cash payment method should be created for this Point of Sale.");
            }
        }

        return record;
    }
}
