namespace NixCafe.Host.Database;

/// <summary>One migration as <c>migrate --list</c> shows it.</summary>
internal sealed record MigrationStatus(string Id, string Description, bool Applied);
