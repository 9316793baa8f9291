namespace NixCafe.IntegrationTests.Support;

/// <summary>Every column, constraint and index of every schema NixCafe writes, as text to compare.</summary>
public static class SchemaSnapshot
{
    private const string Schemas = "'cafe', 'commerce', 'odoo_sync', 'audit', 'quartz', 'nixcafe'";

    public static async Task<string> OfAsync(string connectionString)
    {
        var rows = await TestPostgres.QueryAsync(connectionString, $"""
            SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
              FROM information_schema.columns WHERE table_schema IN ({Schemas})
            UNION ALL
            SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
              FROM pg_constraint WHERE connamespace::regnamespace::text IN ({Schemas})
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname IN ({Schemas})
            ORDER BY 1
            """);
        return string.Join('\n', rows.Select(row => row["line"]));
    }
}
