namespace NixCafe.FakeOdoo;

/// <summary>Records the pos.config defaults point at that the fake does not model, with their display names.</summary>
internal static class FakeRelated
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> Records = new Dictionary<string, IReadOnlyDictionary<int, string>>
    {
        ["stock.picking.type"] = new Dictionary<int, string> { [13] = "YourCompany: PoS Orders" },
        ["product.pricelist"] = new Dictionary<int, string> { [1] = "Public Pricelist (USD)", [2] = "Staff Pricelist (USD)" },
        ["res.company"] = new Dictionary<int, string> { [1] = "My Company (San Francisco)" },
        ["res.currency"] = new Dictionary<int, string> { [2] = "USD" },
    };

    public static bool Exists(string relation, int id) => Records.TryGetValue(relation, out var records) && records.ContainsKey(id);

    public static string Name(string relation, int id) => Records[relation][id];
}
