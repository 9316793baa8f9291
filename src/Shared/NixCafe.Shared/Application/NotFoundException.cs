namespace NixCafe.Shared.Application;

/// <summary>
/// The thing asked for does not exist for the caller. Another tenant's record raises this too,
/// so a caller cannot tell "not yours" from "not there".
/// </summary>
public sealed class NotFoundException(string what, object id) : Exception($"{what} '{id}' was not found.")
{
    public string What { get; } = what;
}
