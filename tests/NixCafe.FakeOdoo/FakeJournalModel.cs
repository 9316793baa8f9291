namespace NixCafe.FakeOdoo;

/// <summary>
/// account.journal as a real Odoo answers it: a cash or bank journal made without a code gets
/// the first free <c>CSH&lt;n&gt;</c> or <c>BNK&lt;n&gt;</c>, and making a cash journal makes its
/// default cash account too, which a user without accounting rights may not.
/// </summary>
internal sealed class FakeJournalModel(FakeOdooDatabase database) : FakeModel<FakeJournal>(database)
{
    public const string ModelName = "account.journal";

    private readonly HashSet<string> _codes = [];

    private readonly Dictionary<string, int> _firstFree = [];

    private static readonly IReadOnlyDictionary<string, FakeField> JournalFields = new FakeField[]
    {
        FakeField.Id,
        FakeField.DisplayName,
        new("name", "char", "Journal Name", Required: true),
        new("type", "selection", "Type", Required: true, Selection: new Dictionary<string, string>
        {
            ["sale"] = "Sales", ["purchase"] = "Purchase", ["cash"] = "Cash", ["bank"] = "Bank", ["general"] = "Miscellaneous",
        }),
        new("code", "char", "Short Code", Required: true),
    }.ToDictionary(field => field.Name);

    public override string Name => ModelName;

    public override IReadOnlyDictionary<string, FakeField> Fields => JournalFields;

    public bool IsCash(int id) => Exists(id) && Find(id).Type == "cash";

    protected override int IdOf(FakeJournal record) => record.Id;

    protected override FakeJournal NewRecord(int id) => new(id, "", "", "");

    protected override object? Get(FakeJournal record, FakeField field) => field.Name switch
    {
        "id" => record.Id,
        "type" => record.Type,
        "code" => record.Code,
        _ => record.Name,
    };

    protected override FakeJournal Assign(FakeJournal record, FakeField field, object? value) => field.Name switch
    {
        "type" => record with { Type = (string?)value ?? "" },
        "code" => record with { Code = (string?)value ?? "" },
        _ => record with { Name = (string?)value ?? "" },
    };

    protected override FakeJournal Validated(FakeJournal record, Change change)
    {
        // A new cash journal creates its default account: that account is what a user without accounting rights is refused.
        var (operation, model) = change.Created ? ("create", record.Type == "cash" ? "account.account" : ModelName) : ("write", ModelName);
        if (Database.Refusal(change.Uid, operation, model) is { } refusal)
        {
            throw refusal;
        }

        return record.Code.Length == 0 && record.Type is "cash" or "bank"
            ? record with { Code = FirstFreeCode(record.Type == "cash" ? "CSH" : "BNK", change.Staged) }
            : record;
    }

    /// <summary>
    /// The first code of the prefix that no journal has, looked up in an index of the codes given
    /// rather than by reading every journal for every row: a benchmark's fake holds ten thousand.
    /// </summary>
    private string FirstFreeCode(string prefix, IReadOnlyDictionary<int, FakeJournal> staged)
    {
        var stagedCodes = staged.Values.Select(journal => journal.Code).ToHashSet();
        var number = _firstFree.GetValueOrDefault(prefix, 1);
        while (_codes.Contains($"{prefix}{number}") || stagedCodes.Contains($"{prefix}{number}"))
        {
            number++;
        }

        return $"{prefix}{number}";
    }

    protected override void Stored(FakeJournal record)
    {
        _codes.Add(record.Code);
        // Journals are never deleted here, so a code once given stays taken: later searches start past it.
        foreach (var prefix in new[] { "CSH", "BNK" })
        {
            var number = _firstFree.GetValueOrDefault(prefix, 1);
            while (_codes.Contains($"{prefix}{number}"))
            {
                number++;
            }

            _firstFree[prefix] = number;
        }
    }
}
