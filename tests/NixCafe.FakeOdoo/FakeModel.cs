using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>
/// What every model of the fake answers alike, as a real Odoo does: fields_get, search,
/// search_read, search_count, read, create, write and load over typed records. Reads give a
/// many2one as [id, name] and a many2many as ids; create and write take bare ids and
/// [[6, 0, ids]]; load takes strings only and upserts by external id. Each call is one
/// transaction: its changes are staged and stored only if all of it succeeds. Not thread-safe:
/// the database runs every call under its lock.
/// </summary>
internal abstract class FakeModel<TRecord>(FakeOdooDatabase database) : IFakeModel where TRecord : class
{
    private static readonly Comparer<object?> ValueOrder = Comparer<object?>.Create((left, right) =>
        left is string first && right is string second ? string.CompareOrdinal(first, second) : Comparer<object?>.Default.Compare(left, right));

    // In id order, so a search in id order (the template read) stops at its limit instead of sorting every record.
    private readonly SortedDictionary<int, TRecord> _records = new();
    private int _nextId = 1;

    public abstract string Name { get; }

    /// <summary>The fields as <c>fields_get</c> describes them on the database's version, <c>id</c> and <c>display_name</c> included.</summary>
    public abstract IReadOnlyDictionary<string, FakeField> Fields { get; }

    public IReadOnlyCollection<TRecord> Records => _records.Values;

    protected FakeOdooDatabase Database { get; } = database;

    protected int NextId => _nextId;

    public bool Exists(int id) => _records.ContainsKey(id);

    public TRecord Find(int id) => _records[id];

    public string DisplayName(int id) => (string)Get(_records[id], FakeField.DisplayName)!;

    /// <summary>Stores a record as it is, past every check: demo data and back-office edits.</summary>
    public void Store(TRecord record)
    {
        var id = IdOf(record);
        _records[id] = record;
        _nextId = Math.Max(_nextId, id + 1);
        Stored(record);
    }

    /// <summary>Deletes a record and, as Odoo does, its external ids.</summary>
    public void Remove(int id)
    {
        _records.Remove(id);
        Database.ExternalIds.RemoveRecord(Name, id);
    }

    public JsonNode? Call(string method, IReadOnlyDictionary<string, JsonNode?> arguments, int uid)
    {
        JsonNode? Argument(string name) => arguments.GetValueOrDefault(name);

        return method switch
        {
            "fields_get" => FieldsGet(Strings(Argument("allfields")), Strings(Argument("attributes"))),
            "search_read" => Render(Search(arguments).ToList(), Strings(Argument("fields"))),
            "search" => new JsonArray(Search(arguments).Select(record => (JsonNode)IdOf(record)).ToArray()),
            "search_count" => Search(arguments).Count(),
            // Ids that do not exist (any more) are left out, not an error.
            "read" => Render(Ids(Argument("ids")).Where(Exists).Select(Find).ToList(), Strings(Argument("fields"))),
            "create" => Create(Argument("vals_list"), uid),
            "write" => Write(Ids(Argument("ids")), Argument("vals") as JsonObject ?? throw FakeRpcException.TypeError("write() takes a dict of values"), uid),
            "load" => Load(Strings(Argument("fields")), Argument("data") as JsonArray ?? [], uid),
            _ => throw FakeRpcException.UnknownMethod(Name, method),
        };
    }

    protected abstract int IdOf(TRecord record);

    /// <summary>A new record with the defaults Odoo gives one.</summary>
    protected abstract TRecord NewRecord(int id);

    /// <summary>A copy to stage changes on; an immutable record is its own copy.</summary>
    protected virtual TRecord Copy(TRecord record) => record;

    /// <summary>A field's value: an int, bool or string, a many2one's id, a many2many's ids, or null for Odoo's false.</summary>
    protected abstract object? Get(TRecord record, FakeField field);

    /// <summary>The record with a writable field set to a value of the kind <see cref="Get"/> returns; a staged record may change in place.</summary>
    protected abstract TRecord Assign(TRecord record, FakeField field, object? value);

    /// <summary>The record as it will be stored, once the server has completed it, or the error one of its constraints raises.</summary>
    protected virtual TRecord Validated(TRecord record, Change change) => record;

    /// <summary>Called for each record stored, so a model can keep an index of its own.</summary>
    protected virtual void Stored(TRecord record)
    {
    }

    /// <summary>Every record as it will be once the staged ones are stored.</summary>
    protected IEnumerable<TRecord> RecordsAfter(IReadOnlyDictionary<int, TRecord> staged) =>
        _records.Values.Where(record => !staged.ContainsKey(IdOf(record))).Concat(staged.Values);

    private FakeField Field(string name) =>
        Fields.TryGetValue(name, out var field) ? field : throw FakeRpcException.ValueError($"Invalid field '{name}' on model '{Name}'");

    private static List<string> Strings(JsonNode? node) => node is JsonArray array ? array.Select(item => item!.GetValue<string>()).ToList() : [];

    private static List<int> Ids(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(item => item!.GetValue<int>()).ToList(),
        JsonValue value => [value.GetValue<int>()],
        _ => [],
    };

    private JsonObject FieldsGet(List<string> names, List<string> attributes)
    {
        var described = new JsonObject();
        foreach (var field in Fields.Values.Where(field => names.Count == 0 || names.Contains(field.Name)))
        {
            described[field.Name] = field.Describe(attributes);
        }

        return described;
    }

    private IEnumerable<TRecord> Search(IReadOnlyDictionary<string, JsonNode?> arguments)
    {
        var domain = (arguments.GetValueOrDefault("domain") as JsonArray ?? []).OfType<JsonArray>().ToList();
        IEnumerable<TRecord> records = ById(domain.FirstOrDefault()) ?? _records.Values;
        var mentionsActive = false;
        // Terms in a row must all match (Odoo's implicit "&"); NixCafe sends no "|" or "!", so those are not modelled.
        foreach (var term in domain)
        {
            if (term is not [JsonValue name, JsonValue op, var expected] || op.GetValue<string>() is not ("=" or "!=" or "in" or "not in"))
            {
                throw FakeRpcException.ValueError($"Invalid leaf {term.ToJsonString()}");
            }

            var field = Field(name.GetValue<string>());
            var comparison = op.GetValue<string>();
            mentionsActive |= field.Name == "active";
            records = records.Where(record => Matches(Comparable(record, field), comparison, expected));
        }

        var activeTest = (arguments.GetValueOrDefault("context") as JsonObject)?["active_test"]?.GetValue<bool>() ?? true;
        if (activeTest && !mentionsActive && Fields.TryGetValue("active", out var active))
        {
            records = records.Where(record => Get(record, active) is true);
        }

        if ((arguments.GetValueOrDefault("order")?.GetValue<string>() ?? "id").Split(',')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) is [var by, .. var direction])
        {
            var orderField = Field(by);
            records = orderField.Name == "id" ? records : records.OrderBy(record => Get(record, orderField), ValueOrder);
            records = direction is [var way] && way.Equals("desc", StringComparison.OrdinalIgnoreCase) ? records.Reverse() : records;
        }

        var offset = arguments.GetValueOrDefault("offset")?.GetValue<int>() ?? 0;
        var limit = arguments.GetValueOrDefault("limit")?.GetValue<int>() ?? 0;
        records = records.Skip(offset);
        return limit > 0 ? records.Take(limit) : records;
    }

    /// <summary>
    /// The records a leading <c>id =</c> / <c>id in</c> term names, found by id rather than by
    /// reading every record (the term is still applied after): a benchmark's fake holds tens of
    /// thousands of records, and its own CPU counts against the host's.
    /// </summary>
    private IEnumerable<TRecord>? ById(JsonArray? term) => term switch
    {
        [JsonValue name, JsonValue op, JsonArray ids] when name.ToString() == "id" && op.ToString() == "in" =>
            ids.OfType<JsonValue>().Select(id => id.TryGetValue<int>(out var number) ? number : 0).Where(Exists).Distinct().Order().Select(Find),
        [JsonValue name, JsonValue op, JsonValue id] when name.ToString() == "id" && op.ToString() == "=" && id.TryGetValue<int>(out var number) =>
            Exists(number) ? [Find(number)] : [],
        _ => null,
    };

    // What a domain term compares: a many2one by its id, a many2many by each of its ids.
    private IEnumerable<JsonNode?> Comparable(TRecord record, FakeField field) => Render(record, field) switch
    {
        JsonArray ids when field.Type == "many2many" => ids,
        JsonArray pair => [pair[0]],
        var value => [value],
    };

    private static bool Matches(IEnumerable<JsonNode?> values, string comparison, JsonNode? expected)
    {
        bool IsExpected(JsonNode? value) => comparison is "in" or "not in"
            ? expected is JsonArray options && options.Any(option => JsonNode.DeepEquals(value, option))
            : JsonNode.DeepEquals(value, expected);

        return comparison is "=" or "in" ? values.Any(IsExpected) : !values.Any(IsExpected);
    }

    private JsonArray Render(List<TRecord> records, List<string> fieldNames)
    {
        var fields = fieldNames.Count > 0 ? fieldNames.Select(Field).ToList() : Fields.Values.ToList();
        return new JsonArray(records.Select(record =>
        {
            var row = new JsonObject { ["id"] = IdOf(record) };
            foreach (var field in fields)
            {
                row[field.Name] = Render(record, field);
            }

            return (JsonNode)row;
        }).ToArray());
    }

    private JsonNode? Render(TRecord record, FakeField field) => Get(record, field) switch
    {
        null => false,
        int id when field.Type == "many2one" => new JsonArray(id, Database.DisplayName(field.Relation!, id)),
        int number => number,
        bool flag => flag,
        string text => text,
        IEnumerable<int> ids => new JsonArray(ids.Select(id => (JsonNode)id).ToArray()),
        var other => throw new NotSupportedException($"{Name}.{field.Name} holds a {other.GetType().Name}"),
    };

    private JsonNode Create(JsonNode? valuesList, int uid)
    {
        var batch = new Batch(_nextId);
        JsonNode created = valuesList is JsonArray list
            ? new JsonArray(list.Select(values => (JsonNode)CreateOne(values, batch, uid)).ToArray())
            : CreateOne(valuesList, batch, uid);
        Commit(batch);
        return created;
    }

    private int CreateOne(JsonNode? node, Batch batch, int uid)
    {
        var values = node as JsonObject ?? throw FakeRpcException.TypeError("create() takes dicts of values");
        if (!values.ContainsKey("name"))
        {
            // As a real Odoo answers a create without a name.
            throw FakeRpcException.KeyError("name");
        }

        var assigned = new HashSet<string>();
        var record = AssignAll(NewRecord(batch.NextId++), values, assigned);
        return Stage(record, new Change(Created: true, assigned, batch.Staged, uid), batch);
    }

    private bool Write(List<int> ids, JsonObject values, int uid)
    {
        if (ids.Where(id => !Exists(id)).ToList() is [var missing, ..])
        {
            throw FakeRpcException.MissingRecord(Name, missing, uid);
        }

        var batch = new Batch(_nextId);
        foreach (var id in ids.Distinct())
        {
            var assigned = new HashSet<string>();
            Stage(AssignAll(Copy(_records[id]), values, assigned), new Change(Created: false, assigned, batch.Staged, uid), batch);
        }

        Commit(batch);
        return true;
    }

    private TRecord AssignAll(TRecord record, JsonObject values, HashSet<string> assigned)
    {
        foreach (var (name, value) in values)
        {
            var field = Field(name);
            if (field.Writable)
            {
                record = Assign(record, field, WrittenValue(field, value));
                assigned.Add(field.Name);
            }
        }

        return record;
    }

    // A value as create and write take it: bare ids for a many2one, [[6, 0, ids]] for a many2many, false to clear.
    private object? WrittenValue(FakeField field, JsonNode? value) => field.Type switch
    {
        "boolean" => value is JsonValue flag && flag.TryGetValue<bool>(out var set) && set,
        "many2one" => WrittenId(field, value),
        "many2many" => WrittenIds(field, value),
        _ when value is JsonValue text && text.TryGetValue<string>(out var chosen) =>
            field.Selection is null || field.Selection.ContainsKey(chosen) ? chosen : throw FakeRpcException.ValueError($"Wrong value for {Name}.{field.Name}: '{chosen}'"),
        _ => null,
    };

    private int? WrittenId(FakeField field, JsonNode? value)
    {
        if (value is JsonArray pair)
        {
            throw new FakeRpcException("psycopg2.errors.InvalidTextRepresentation", $"invalid input syntax for type integer: \"{pair.ToJsonString()}\"");
        }

        if (value is null || (value is JsonValue flag && flag.TryGetValue<bool>(out var set) && !set))
        {
            return null;
        }

        var id = value.GetValue<int>();
        return Database.Exists(field.Relation!, id) ? id : throw ForeignKeyViolation(field, "fkey");
    }

    private List<int> WrittenIds(FakeField field, JsonNode? value)
    {
        // Only the "replace the set" command [[6, 0, ids]] is used by NixCafe.
        if (value is not JsonArray { Count: 1 } commands || commands[0] is not JsonArray { Count: 3 } command
            || command[0]?.GetValue<int>() != 6 || command[2] is not JsonArray members)
        {
            throw FakeRpcException.ValueError($"Wrong value for {Name}.{field.Name}: {value?.ToJsonString()}");
        }

        var ids = members.Select(member => member!.GetValue<int>()).ToList();
        return ids.All(id => Database.Exists(field.Relation!, id)) ? ids : throw ForeignKeyViolation(field, "rel_fkey");
    }

    private FakeRpcException ForeignKeyViolation(FakeField field, string constraint) => FakeRpcException.Validation(
        $"The operation cannot be completed: a record references a {field.Relation} that does not exist. (constraint {Name.Replace('.', '_')}_{field.Name}_{constraint})");

    private JsonObject Load(List<string> headers, JsonArray rows, int uid)
    {
        var columns = headers.Select(ParseColumn).ToList();
        var batch = new Batch(_nextId);
        var ids = new JsonArray();
        var messages = new JsonArray();
        for (var index = 0; index < rows.Count; index++)
        {
            var cells = rows[index] as JsonArray ?? [];
            if (cells.Any(cell => cell is not JsonValue value || !value.TryGetValue<string>(out _)))
            {
                throw FakeRpcException.TypeError("expected string or bytes-like object");
            }

            try
            {
                ids.Add((JsonNode)LoadRow(columns.Zip(cells.Select(cell => cell!.GetValue<string>())).ToList(), batch, uid));
            }
            catch (FakeRpcException error)
            {
                messages.Add(RowMessage(index, error));
            }
        }

        // All or nothing: one bad row and nothing of the batch is written.
        if (messages.Count > 0)
        {
            return new JsonObject { ["ids"] = false, ["messages"] = messages, ["nextrow"] = 0 };
        }

        Commit(batch);
        return new JsonObject { ["ids"] = ids, ["messages"] = new JsonArray(), ["nextrow"] = 0 };
    }

    private static JsonObject RowMessage(int index, FakeRpcException error)
    {
        var message = new JsonObject
        {
            ["type"] = "error",
            ["rows"] = new JsonObject { ["from"] = index, ["to"] = index },
            ["record"] = index,
        };
        if (error.Field is not null)
        {
            message["field"] = error.Field;
        }

        message["message"] = error.Message;
        return message;
    }

    // "id" (external id) and ".id" (database id) name the record a row is; "x", "x/.id" and "x/id" are field x.
    private Column ParseColumn(string header)
    {
        if (header is "id" or ".id")
        {
            return new Column(header, null, ByExternalId: header == "id");
        }

        var (name, suffix) = header.Split('/') switch
        {
            [var only] => (only, ""),
            [var field, var reference] => (field, reference),
            _ => (header, header),
        };
        if (!Fields.TryGetValue(name, out var column) || suffix is not ("" or "id" or ".id") || (suffix.Length > 0 && !column.IsRelational))
        {
            throw FakeRpcException.KeyError(name);
        }

        return new Column(header, column, ByExternalId: suffix == "id");
    }

    private int LoadRow(List<(Column Column, string Cell)> row, Batch batch, int uid)
    {
        var (record, created) = Target(row.Where(pair => pair.Column.Field is null).ToDictionary(pair => pair.Column.Header, pair => pair.Cell), batch);
        var assigned = new HashSet<string>();
        // Computed columns (currency_id/.id) are ignored, as create and write ignore them.
        foreach (var (column, cell) in row.Where(pair => pair.Column.Field is { Writable: true }))
        {
            record = Assign(record, column.Field!, LoadedValue(column, cell));
            assigned.Add(column.Field!.Name);
        }

        return Stage(record, new Change(created, assigned, batch.Staged, uid), batch);
    }

    // The record a row updates (by database id, or by an external id already known) or creates.
    private (TRecord Record, bool Created) Target(Dictionary<string, string> keys, Batch batch)
    {
        if (keys.TryGetValue(".id", out var databaseId))
        {
            return int.TryParse(databaseId, out var id) && Exists(id)
                ? (batch.Staged.GetValueOrDefault(id) ?? Copy(_records[id]), false)
                : throw FakeRpcException.ValueError($"Unknown database identifier '{databaseId}'", "id");
        }

        if (keys.TryGetValue("id", out var externalId) && externalId.Length > 0)
        {
            var qualified = FakeExternalIds.Qualified(externalId);
            if (batch.NewExternalIds.ContainsKey(qualified))
            {
                throw FakeRpcException.ValueError($"Duplicate external id '{qualified}' in the same import", "id");
            }

            if (Database.ExternalIds.Find(qualified) is { } known && known.Model == Name && Exists(known.Id))
            {
                return (batch.Staged.GetValueOrDefault(known.Id) ?? Copy(_records[known.Id]), false);
            }

            batch.NewExternalIds[qualified] = batch.NextId;
        }

        return (NewRecord(batch.NextId++), true);
    }

    // A cell as load takes it: a string; "" clears; relations by database ids, or by external ids with "/id".
    private object? LoadedValue(Column column, string cell)
    {
        var field = column.Field!;
        return field.Type switch
        {
            "boolean" => cell is "True" or "true" or "1",
            "many2one" => cell.Length == 0 ? null : Reference(column, cell),
            "many2many" => cell.Length == 0 ? new List<int>() : cell.Split(',').Select(part => Reference(column, part.Trim())).ToList(),
            "selection" when cell.Length > 0 && !field.Selection!.ContainsKey(cell) =>
                throw FakeRpcException.ValueError($"Value '{cell}' not found in selection field '{field.Label}'", field.Name),
            _ => cell.Length == 0 ? null : cell,
        };
    }

    private int Reference(Column column, string reference)
    {
        var field = column.Field!;
        if (column.ByExternalId)
        {
            return Database.ExternalIds.Find(reference) is { } known && known.Model == field.Relation && Database.Exists(known.Model, known.Id)
                ? known.Id
                : throw FakeRpcException.ValueError($"No matching record found for external id '{reference}' in field '{field.Label}'", field.Name);
        }

        return int.TryParse(reference, out var id) && Database.Exists(field.Relation!, id)
            ? id
            : throw FakeRpcException.ValueError($"No matching record found for database id '{reference}' in field '{field.Label}'", field.Name);
    }

    private int Stage(TRecord record, Change change, Batch batch)
    {
        record = Validated(record, change);
        if (Fields.Values.FirstOrDefault(field => field.Required && Get(record, field) is null or "") is { } missing)
        {
            throw FakeRpcException.MissingRequired(missing);
        }

        batch.Staged[IdOf(record)] = record;
        return IdOf(record);
    }

    private void Commit(Batch batch)
    {
        foreach (var record in batch.Staged.Values)
        {
            _records[IdOf(record)] = record;
            Stored(record);
        }

        foreach (var (externalId, id) in batch.NewExternalIds)
        {
            Database.ExternalIds.Set(externalId, Name, id);
        }

        _nextId = batch.NextId;
    }

    /// <summary>A change about to be staged: a new record or not, the fields the call set, what the call has staged so far, and who makes it.</summary>
    protected sealed record Change(bool Created, IReadOnlySet<string> Assigned, IReadOnlyDictionary<int, TRecord> Staged, int Uid);

    /// <summary>A load column: <paramref name="Field"/> is null for the id columns that name the record.</summary>
    private sealed record Column(string Header, FakeField? Field, bool ByExternalId);

    /// <summary>What one call changes, kept apart until all of it has succeeded.</summary>
    private sealed class Batch(int nextId)
    {
        public int NextId { get; set; } = nextId;

        public Dictionary<int, TRecord> Staged { get; } = [];

        public Dictionary<string, int> NewExternalIds { get; } = [];
    }
}
