namespace NixCafe.Shared.Domain;

/// <summary>A named invariant. <see cref="Field"/> names the input it concerns, if any.</summary>
public interface IBusinessRule
{
    bool IsBroken();

    string Message { get; }

    string? Field => null;

    /// <summary>
    /// True for rules about access ("the shop must be the tenant's"): they answer 404, exactly as
    /// if the record did not exist, so a caller learns nothing about other tenants.
    /// </summary>
    bool ReportsAsNotFound => false;

    /// <summary>Facts a client acts on (e.g. how many records a confirmation would touch), added to the problem's extensions.</summary>
    IReadOnlyDictionary<string, object> Details => new Dictionary<string, object>();
}
