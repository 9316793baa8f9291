namespace NixCafe.Shared.Domain;

/// <summary>A named invariant. <see cref="Field"/> names the input it concerns, if any.</summary>
public interface IBusinessRule
{
    bool IsBroken();

    string Message { get; }

    string? Field => null;
}
