using System.Text.Json;
using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>
/// The pos.config model's external API as a real Odoo 16 answers it (odoo-protocol.md): reads
/// return many2one as [id, name] and many2many as id lists; writes take bare ids and
/// [[6, 0, ids]]; unknown fields are a ValueError; load is an all-or-nothing upsert keyed by
/// external id. Not thread-safe: the server calls it under its lock.
/// </summary>
internal sealed class FakePosConfigModel
{
    private const string ExternalIdModule = "__nixcafe__";
    // In id order, so a search in id order (the template read) stops at its limit instead of sorting every record.
    private readonly SortedDictionary<int, FakePosConfig> _records = new();
    private readonly Dictionary<string, int> _externalIds = [];
    private int _nextId = 1;

    public IReadOnlyCollection<FakePosConfig> Records => _records.Values;

    public IReadOnlyDictionary<string, int> ExternalIds => _externalIds;

    public FakePosConfig Add(string name, bool active = true)
    {
        var record = WithDefaults(_nextId++);
        record.Name = name;
        record.Active = active;
        _records[record.Id] = record;
        return record;
    }

    public void Remove(int id)
    {
        _records.Remove(id);
        foreach (var stale in _externalIds.Where(pair => pair.Value == id).Select(pair => pair.Key).ToList())
        {
            _externalIds.Remove(stale);
        }
    }

    /// <summary>The seeded template, as on a fresh Odoo with point_of_sale and demo data.</summary>
    public void SeedTemplate() => Add("Shop");

    private static FakePosConfig WithDefaults(int id) => new()
    {
        Id = id,
        ManyToOne = new Dictionary<string, int?>
        {
            ["journal_id"] = 9, ["picking_type_id"] = 13, ["pricelist_id"] = 1, ["company_id"] = 1, ["invoice_journal_id"] = 1, ["currency_id"] = 2,
        },
        ManyToMany = new Dictionary<string, List<int>> { ["available_pricelist_ids"] = [1], ["payment_method_ids"] = [1, 2, 3] },
    };

    public JsonNode? Call(string method, JsonArray args, JsonObject kwargs) => method switch
    {
        "fields_get" => FieldsGet(),
        "search_read" => SearchRead(Arg(args, 0) as JsonArray ?? [], kwargs),
        "search" => new JsonArray(Search(Arg(args, 0) as JsonArray ?? [], kwargs).Select(r => (JsonNode)r.Id).ToArray()),
        "search_count" => Search(Arg(args, 0) as JsonArray ?? [], kwargs).Count(),
        "read" => Read(Ids(Arg(args, 0)), (Arg(args, 1) as JsonArray) ?? kwargs["fields"] as JsonArray),
        "create" => Create(Arg(args, 0)),
        "write" => Write(Ids(Arg(args, 0)), Arg(args, 1) as JsonObject ?? throw FakeRpcException.ValueError("write needs values")),
        "load" => Load(Arg(args, 0) as JsonArray ?? [], Arg(args, 1) as JsonArray ?? []),
        _ => throw new FakeRpcException("builtins.AttributeError", $"'pos.config' object has no attribute '{method}'"),
    };

    private static JsonNode? Arg(JsonArray args, int index) => index < args.Count ? args[index] : null;

    private static List<int> Ids(JsonNode? node) => node switch
    {
        JsonArray array => array.Select(item => item!.GetValue<int>()).ToList(),
        JsonValue value => [value.GetValue<int>()],
        _ => [],
    };

    private static JsonObject FieldsGet()
    {
        var result = new JsonObject();
        foreach (var field in FakeField.PosConfig.Values)
        {
            result[field.Name] = field.Describe();
        }

        return result;
    }

    private static FakeField Field(string name) =>
        FakeField.PosConfig.TryGetValue(name, out var field) ? field : throw FakeRpcException.ValueError($"Invalid field '{name}' on model 'pos.config'");

    private IEnumerable<FakePosConfig> Search(JsonArray domain, JsonObject kwargs)
    {
        var activeTest = kwargs["context"]?["active_test"]?.GetValue<bool>() ?? true;
        var mentionsActive = false;
        IEnumerable<FakePosConfig> records = _records.Values;
        foreach (var term in domain.OfType<JsonArray>())
        {
            var field = Field(term[0]!.GetValue<string>());
            var op = term[1]!.GetValue<string>();
            var value = term[2];
            mentionsActive |= field.Name == "active";
            records = records.Where(record => Matches(Value(record, field), op, value));
        }

        if (activeTest && !mentionsActive)
        {
            records = records.Where(record => record.Active);
        }

        var order = kwargs["order"]?.GetValue<string>() ?? "id asc";
        records = order.StartsWith("name", StringComparison.Ordinal) ? records.OrderBy(r => r.Name, StringComparer.Ordinal) : records;
        if (order.EndsWith("desc", StringComparison.OrdinalIgnoreCase))
        {
            records = records.Reverse();
        }

        var offset = kwargs["offset"]?.GetValue<int>() ?? 0;
        var limit = kwargs["limit"] is { } given ? given.GetValue<int>() : (int?)null;
        records = records.Skip(offset);
        return limit is > 0 ? records.Take(limit.Value) : records;
    }

    private static bool Matches(JsonNode? actual, string op, JsonNode? expected)
    {
        var actualId = actual is JsonArray pair ? pair[0] : actual;
        return op switch
        {
            "=" => JsonNode.DeepEquals(actualId, expected),
            "!=" => !JsonNode.DeepEquals(actualId, expected),
            "in" => expected is JsonArray options && options.Any(option => JsonNode.DeepEquals(actualId, option)),
            _ => throw FakeRpcException.ValueError($"Invalid leaf operator '{op}'"),
        };
    }

    private JsonArray SearchRead(JsonArray domain, JsonObject kwargs) =>
        Project(Search(domain, kwargs).ToList(), kwargs["fields"] as JsonArray);

    private JsonArray Read(List<int> ids, JsonArray? fields)
    {
        var missing = ids.Where(id => !_records.ContainsKey(id)).ToList();
        if (missing.Count > 0)
        {
            throw Missing(missing[0]);
        }

        return Project(ids.Select(id => _records[id]).ToList(), fields);
    }

    private static JsonArray Project(List<FakePosConfig> records, JsonArray? fields)
    {
        var names = fields is { Count: > 0 } ? fields.Select(f => f!.GetValue<string>()).ToList() : FakeField.PosConfig.Keys.ToList();
        var chosen = names.Select(Field).ToList();
        var rows = new JsonArray();
        foreach (var record in records)
        {
            var row = new JsonObject { ["id"] = record.Id };
            foreach (var field in chosen)
            {
                row[field.Name] = Value(record, field);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static JsonNode? Value(FakePosConfig record, FakeField field) => field.Type switch
    {
        "integer" => record.Id,
        "char" => field.Name == "name" || field.Name == "display_name" ? record.Name : null,
        "boolean" => record.Active,
        "many2one" => record.ManyToOne.GetValueOrDefault(field.Name) is { } id ? new JsonArray(id, FakeRelated.Name(field.Relation!, id)) : false,
        "many2many" => new JsonArray(record.ManyToMany.GetValueOrDefault(field.Name, []).Select(id => (JsonNode)id).ToArray()),
        _ => null,
    };

    private JsonNode Create(JsonNode? values)
    {
        if (values is JsonArray batch)
        {
            return new JsonArray(batch.Select(item => (JsonNode)CreateOne(item as JsonObject ?? [])).ToArray());
        }

        return CreateOne(values as JsonObject ?? []);
    }

    private int CreateOne(JsonObject values)
    {
        if (!values.ContainsKey("name"))
        {
            throw new FakeRpcException("builtins.KeyError", "name");
        }

        var record = WithDefaults(_nextId);
        Apply(record, values);
        if (ConstraintViolation(record) is { } violation)
        {
            throw FakeRpcException.Validation(violation);
        }

        _nextId++;
        _records[record.Id] = record;
        return record.Id;
    }

    private bool Write(List<int> ids, JsonObject values)
    {
        foreach (var id in ids)
        {
            if (!_records.ContainsKey(id))
            {
                throw Missing(id);
            }
        }

        var staged = ids.Select(id => _records[id].Copy()).ToList();
        staged.ForEach(record => Apply(record, values));
        if (staged.Select(ConstraintViolation).FirstOrDefault(violation => violation is not null) is { } violation)
        {
            throw FakeRpcException.Validation(violation);
        }

        staged.ForEach(record => _records[record.Id] = record);
        return true;
    }

    /// <summary>Odoo's business constraint on pos.config (odoo-protocol.md): the default pricelist must be available.</summary>
    private static string? ConstraintViolation(FakePosConfig record) =>
        record.ManyToMany.GetValueOrDefault("available_pricelist_ids", []) is { Count: > 0 } available
        && record.ManyToOne.GetValueOrDefault("pricelist_id") is { } pricelist && !available.Contains(pricelist)
            ? "The default pricelist must be included in the available pricelists."
            : null;

    private static FakeRpcException Missing(int id) =>
        new("odoo.exceptions.MissingError", $"Record does not exist or has been deleted.\n(Record: pos.config({id},), User: 2)");

    private static void Apply(FakePosConfig record, JsonObject values)
    {
        foreach (var (name, value) in values)
        {
            var field = Field(name);
            if (!field.Store || field.Name == "id")
            {
                continue; // computed fields are silently ignored by create and write
            }

            switch (field.Type)
            {
                case "char":
                    record.Name = value is JsonValue text && text.TryGetValue<string>(out var s) ? s : throw FakeRpcException.Validation($"Missing required value for the field '{field.Label}' ({field.Name})");
                    break;
                case "boolean":
                    record.Active = value is JsonValue flag && flag.TryGetValue<bool>(out var b) && b;
                    break;
                case "many2one":
                    record.ManyToOne[field.Name] = ManyToOneId(field, value);
                    break;
                case "many2many":
                    record.ManyToMany[field.Name] = ManyToManyIds(field, value);
                    break;
            }
        }
    }

    private static int? ManyToOneId(FakeField field, JsonNode? value)
    {
        if (value is JsonArray pair)
        {
            throw new FakeRpcException("psycopg2.errors.InvalidTextRepresentation", $"invalid input syntax for type integer: \"{pair.ToJsonString()}\"");
        }

        if (value is null || (value is JsonValue f && f.TryGetValue<bool>(out var flag) && !flag))
        {
            return field.Required ? throw FakeRpcException.Validation($"Missing required value for the field '{field.Label}' ({field.Name})") : null;
        }

        var id = value.GetValue<int>();
        return FakeRelated.Exists(field.Relation!, id)
            ? id
            : throw FakeRpcException.Validation($"The operation cannot be completed: a record references a {field.Relation} that does not exist. (constraint pos_config_{field.Name}_fkey)");
    }

    private static List<int> ManyToManyIds(FakeField field, JsonNode? value)
    {
        // Only the "replace the set" command [[6, 0, ids]] is used by NixCafe.
        if (value is not JsonArray commands || commands.Count != 1 || commands[0] is not JsonArray { Count: 3 } command || command[0]!.GetValue<int>() != 6)
        {
            throw FakeRpcException.ValueError($"Wrong value for pos.config.{field.Name}: {value?.ToJsonString()}");
        }

        var ids = ((JsonArray)command[2]!).Select(id => id!.GetValue<int>()).ToList();
        var unknown = ids.FirstOrDefault(id => !FakeRelated.Exists(field.Relation!, id));
        return unknown == 0 ? ids : throw FakeRpcException.Validation($"The operation cannot be completed: a record references a {field.Relation} that does not exist. (constraint pos_config_{field.Name}_rel_fkey)");
    }

    private JsonObject Load(JsonArray columns, JsonArray rows)
    {
        var names = columns.Select(column => column!.GetValue<string>()).ToList();
        foreach (var name in names.Where(name => name is not ("id" or ".id")))
        {
            var fieldName = name.EndsWith("/.id", StringComparison.Ordinal) ? name[..^4] : name;
            if (!FakeField.PosConfig.ContainsKey(fieldName))
            {
                throw new FakeRpcException("builtins.KeyError", fieldName);
            }
        }

        // All or nothing: every row is applied to copies; the store changes only if all succeed.
        var staged = new Dictionary<int, FakePosConfig>();
        var newExternalIds = new Dictionary<string, int>();
        var ids = new JsonArray();
        var messages = new JsonArray();
        var nextId = _nextId;
        for (var rowIndex = 0; rowIndex < rows.Count; rowIndex++)
        {
            var cells = rows[rowIndex] as JsonArray ?? [];
            if (cells.Any(cell => cell is not JsonValue v || !v.TryGetValue<string>(out _)))
            {
                throw new FakeRpcException("builtins.TypeError", "expected string or bytes-like object");
            }

            var values = names.Zip(cells.Select(cell => cell!.GetValue<string>())).ToDictionary(pair => pair.First, pair => pair.Second);
            var error = LoadRow(values, staged, newExternalIds, ref nextId, out var id);
            if (error is not null)
            {
                messages.Add(new JsonObject
                {
                    ["type"] = "error",
                    ["rows"] = new JsonObject { ["from"] = rowIndex, ["to"] = rowIndex },
                    ["record"] = rowIndex,
                    ["field"] = error.Value.Field,
                    ["message"] = error.Value.Message,
                });
            }
            else
            {
                ids.Add(id);
            }
        }

        if (messages.Count > 0)
        {
            return new JsonObject { ["ids"] = false, ["messages"] = messages, ["nextrow"] = 0 };
        }

        foreach (var record in staged.Values)
        {
            _records[record.Id] = record;
        }

        foreach (var (externalId, id) in newExternalIds)
        {
            _externalIds[externalId] = id;
        }

        _nextId = nextId;
        return new JsonObject { ["ids"] = ids, ["messages"] = new JsonArray(), ["nextrow"] = 0 };
    }

    private (string Field, string Message)? LoadRow(
        Dictionary<string, string> values, Dictionary<int, FakePosConfig> staged, Dictionary<string, int> newExternalIds, ref int nextId, out int id)
    {
        id = 0;
        FakePosConfig record;
        if (values.TryGetValue(".id", out var databaseId))
        {
            if (!int.TryParse(databaseId, out id) || !_records.ContainsKey(id))
            {
                return ("id", $"Unknown database identifier '{databaseId}'");
            }

            record = staged.GetValueOrDefault(id) ?? _records[id].Copy();
        }
        else if (values.TryGetValue("id", out var externalId) && externalId.Length > 0)
        {
            var key = externalId.Contains('.') ? externalId : $"{ExternalIdModule}.{externalId}";
            if (newExternalIds.ContainsKey(key))
            {
                return ("id", $"Duplicate external id '{key}' in the same import");
            }

            if (_externalIds.TryGetValue(key, out id) && _records.ContainsKey(id))
            {
                record = staged.GetValueOrDefault(id) ?? _records[id].Copy();
            }
            else
            {
                id = nextId++;
                record = WithDefaults(id);
                newExternalIds[key] = id;
            }
        }
        else
        {
            id = nextId++;
            record = WithDefaults(id);
        }

        foreach (var (column, cell) in values.Where(pair => pair.Key is not ("id" or ".id")))
        {
            var field = FakeField.PosConfig[column.EndsWith("/.id", StringComparison.Ordinal) ? column[..^4] : column];
            if (!field.Store)
            {
                continue;
            }

            switch (field.Type)
            {
                case "char" when cell.Length == 0:
                    return (field.Name, $"Missing required value for the field '{field.Label}' ({field.Name})");
                case "char":
                    record.Name = cell;
                    break;
                case "boolean":
                    record.Active = cell is "True" or "true" or "1";
                    break;
                case "many2one" when cell.Length == 0:
                    if (field.Required)
                    {
                        return (field.Name, $"Missing required value for the field '{field.Label}' ({field.Name})");
                    }

                    record.ManyToOne[field.Name] = null;
                    break;
                case "many2one":
                    if (!int.TryParse(cell, out var target) || !FakeRelated.Exists(field.Relation!, target))
                    {
                        return (field.Name, $"No matching record found for database id '{cell}' in field '{field.Label}'");
                    }

                    record.ManyToOne[field.Name] = target;
                    break;
                case "many2many":
                    var members = cell.Length == 0 ? [] : cell.Split(',').Select(part => int.TryParse(part.Trim(), out var m) ? m : -1).ToList();
                    var bad = members.FirstOrDefault(m => !FakeRelated.Exists(field.Relation!, m));
                    if (members.Count > 0 && members.Contains(bad))
                    {
                        return (field.Name, $"No matching record found for database id '{bad}' in field '{field.Label}'");
                    }

                    record.ManyToMany[field.Name] = members;
                    break;
            }
        }

        if (ConstraintViolation(record) is { } violation)
        {
            return ("available_pricelist_ids", violation);
        }

        staged[id] = record;
        return null;
    }
}
