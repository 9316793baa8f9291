using FluentMigrator.Runner.VersionTableInfo;

namespace NixCafe.Host.Database;

/// <summary>
/// FluentMigrator's version table: the one ordered history of the whole database, in the schema
/// the history has always had, named in snake_case like every other table.
/// </summary>
internal sealed class CafeVersionTable : IVersionTableMetaData
{
    public const string Schema = "nixcafe";
    public const string Table = "version_info";

    public bool OwnsSchema => true;

    public string SchemaName => Schema;

    public string TableName => Table;

    public string ColumnName => "version";

    public string DescriptionColumnName => "description";

    public string UniqueIndexName => "version_info_version_key";

    public string AppliedOnColumnName => "applied_on";

    public bool CreateWithPrimaryKey => false;
}
