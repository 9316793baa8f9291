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
}
