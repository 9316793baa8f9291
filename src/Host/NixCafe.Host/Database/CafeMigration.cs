namespace NixCafe.Host.Database;

/// <summary>
/// A migration of the history: its version (a timestamp), its name (the class name after
/// <c>M&lt;version&gt;_</c>) and what it does. The id, <c>&lt;version&gt;_&lt;name&gt;</c>, is the one the
/// release before FluentMigrator kept in its history, so the operator's ids stay the same.
/// </summary>
internal sealed record CafeMigration(long Version, string Name, string Description)
{
    public string Id => $"{Version}_{Name}";
}
