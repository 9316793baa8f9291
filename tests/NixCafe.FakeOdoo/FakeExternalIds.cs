namespace NixCafe.FakeOdoo;

/// <summary>Odoo's <c>ir.model.data</c>: one registry of external ids (<c>module.name</c>) across every model.</summary>
internal sealed class FakeExternalIds
{
    private const string DefaultModule = "__nixcafe__";
    private readonly Dictionary<string, (string Model, int Id)> _records = [];

    /// <summary>The full <c>module.name</c> of an external id, which may leave its module out.</summary>
    public static string Qualified(string externalId) => externalId.Contains('.') ? externalId : $"{DefaultModule}.{externalId}";

    public (string Model, int Id)? Find(string externalId) => _records.TryGetValue(Qualified(externalId), out var record) ? record : null;

    public void Set(string externalId, string model, int id) => _records[Qualified(externalId)] = (model, id);

    /// <summary>An external id of each of a model's records that has one, by record id.</summary>
    public Dictionary<int, string> Of(string model) => _records.Where(pair => pair.Value.Model == model)
        .GroupBy(pair => pair.Value.Id).ToDictionary(group => group.Key, group => group.First().Key);

    public void RemoveRecord(string model, int id)
    {
        foreach (var stale in _records.Where(pair => pair.Value == (model, id)).Select(pair => pair.Key).ToList())
        {
            _records.Remove(stale);
        }
    }
}
