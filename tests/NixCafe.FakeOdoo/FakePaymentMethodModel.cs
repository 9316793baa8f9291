namespace NixCafe.FakeOdoo;

/// <summary>pos.payment.method as a real Odoo answers it: <c>is_cash_count</c> is computed, true exactly when the method's journal is a cash journal.</summary>
internal sealed class FakePaymentMethodModel(FakeOdooDatabase database) : FakeModel<FakePaymentMethod>(database)
{
    public const string ModelName = "pos.payment.method";

    private static readonly IReadOnlyDictionary<string, FakeField> MethodFields = new FakeField[]
    {
        FakeField.Id,
        FakeField.DisplayName,
        new("name", "char", "Method", Required: true),
        new("journal_id", "many2one", "Journal", FakeJournalModel.ModelName),
        new("is_cash_count", "boolean", "Identify Cash", ReadOnly: true),
    }.ToDictionary(field => field.Name);

    public override string Name => ModelName;

    public override IReadOnlyDictionary<string, FakeField> Fields => MethodFields;

    public bool IsCash(int id) => Exists(id) && Find(id).IsCashCount;

    protected override int IdOf(FakePaymentMethod record) => record.Id;

    protected override FakePaymentMethod NewRecord(int id) => new(id, "", null, false);

    protected override object? Get(FakePaymentMethod record, FakeField field) => field.Name switch
    {
        "id" => record.Id,
        "journal_id" => record.JournalId,
        "is_cash_count" => record.IsCashCount,
        _ => record.Name,
    };

    protected override FakePaymentMethod Assign(FakePaymentMethod record, FakeField field, object? value) => field.Name switch
    {
        "journal_id" => record with { JournalId = (int?)value, IsCashCount = value is int journal && Database.Journals.IsCash(journal) },
        _ => record with { Name = (string?)value ?? "" },
    };
}
