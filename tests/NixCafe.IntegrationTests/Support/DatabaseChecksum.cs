namespace NixCafe.IntegrationTests.Support;

/// <summary>A checksum of every row of every application table: equal before and after means nothing changed.</summary>
public static class DatabaseChecksum
{
    public static async Task<string> OfAsync(string connectionString) =>
        string.Join('\n', (await RowsByTableAsync(connectionString, "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))")));

    /// <summary>Every row of every application table as text, to search for what must not be stored.</summary>
    public static async Task<string> DumpAsync(string connectionString) =>
        string.Join('\n', await RowsByTableAsync(connectionString, "coalesce(string_agg(t::text, '|' ORDER BY t::text), '')"));

    private static async Task<List<string>> RowsByTableAsync(string connectionString, string aggregate)
    {
        var tables = await TestPostgres.QueryAsync(connectionString, """
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name
              FROM information_schema.tables
             WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'nixcafe', 'quartz')
             ORDER BY 1
            """);
        var parts = new List<string>();
        foreach (var table in tables.Select(row => (string)row["name"]!))
        {
            parts.Add(table + ":" + await TestPostgres.ScalarAsync<string>(connectionString, $"SELECT {aggregate} FROM {table} t"));
        }

        return parts;
    }
}
