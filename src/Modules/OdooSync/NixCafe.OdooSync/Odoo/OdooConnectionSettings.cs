namespace NixCafe.OdooSync.Odoo;

/// <summary>Where and as whom to reach a tenant's Odoo. A class, not a record: its ToString must not print the key.</summary>
internal sealed class OdooConnectionSettings(Uri baseUrl, string database, string login, string apiKey)
{
    public Uri BaseUrl { get; } = baseUrl;

    public string Database { get; } = database;

    public string Login { get; } = login;

    public string ApiKey { get; } = apiKey;

    public override string ToString() => $"{Login}@{BaseUrl} ({Database})";
}
