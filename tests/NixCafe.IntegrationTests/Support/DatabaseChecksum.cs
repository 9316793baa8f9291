namespace NixCafe.IntegrationTests.Support;

/// <summary>
/// A checksum of every row of every application table: equal before and after means nothing changed.
/// The sync's per-minute figures are left out: each host writes them on its own clock, whatever a request did.
/// So are the unit of work's commit markers: every command that commits leaves one, whatever it
/// changed, and they hold nothing but their key (they tell a retry whether a lost commit landed).
/// </summary>
public static class DatabaseChecksum
{
    public static async Task<string> OfAsync(string connectionString) =>
        string.Join('\n', (await RowsByTableAsync(connectionString, "md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))")));

    /// <summary>Every row of every application table as text, to search for what must not be stored.</summary>
    public static async Task<string> DumpAsync(string connectionString) =>
        string.Join('\n', await RowsByTableAsync(connectionString, "coalesce(string_agg(t::text, '|' ORDER BY t::text), '')"));

    /// <summary>
    /// The same checksum in one statement, for suites that take one per request: build it once
    /// with <see cref="OneStatementAsync"/>, then run it with <see cref="TestPostgres.ScalarAsync{T}"/>.
    /// </summary>
    public static async Task<string> OneStatementAsync(string connectionString)
    {
        var tables = await ApplicationTablesAsync(connectionString);
        return "SELECT md5(string_agg(part, E'\\n' ORDER BY name)) FROM (" + string.Join(" UNION ALL ", tables.Select(table =>
            $"SELECT '{table}' AS name, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS part FROM {table} t")) + ") parts";
    }

    private static async Task<List<string>> ApplicationTablesAsync(string connectionString) =>
        (await TestPostgres.QueryAsync(connectionString, """
            SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name
              FROM information_schema.tables
             WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema', 'nixcafe', 'quartz')
               AND (table_schema, table_name) NOT IN (('odoo_sync', 'minute_figures'), ('audit', 'unit_of_work_commits'))
             ORDER BY 1
            """)).Select(row => (string)row["name"]!).ToList();

    private static async Task<List<string>> RowsByTableAsync(string connectionString, string aggregate)
    {
        var tables = await ApplicationTablesAsync(connectionString);
        var parts = new List<string>();
        foreach (var table in tables)
        {
            parts.Add(table + ":" + await TestPostgres.ScalarAsync<string>(connectionString, $"SELECT {aggregate} FROM {table} t"));
        }

        return parts;
    }
}
