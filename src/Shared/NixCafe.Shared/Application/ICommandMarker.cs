namespace NixCafe.Shared.Application;

/// <summary>Marks every command, whatever its result, for the unit-of-work behaviour.</summary>
public interface ICommandMarker;
