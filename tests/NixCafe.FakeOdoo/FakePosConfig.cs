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
