using System.Security.Cryptography;
using System.Text;

namespace NixCafe.OdooSync.Odoo;

/// <summary>Where and as whom to reach a tenant's Odoo. A class, not a record: its ToString must not print the key.</summary>
internal sealed class OdooConnectionSettings(Uri baseUrl, string database, string login, string apiKey, string transport = OdooTransports.Auto)
{
    public Uri BaseUrl { get; } = baseUrl;

    public string Database { get; } = database;

    /// <summary>Who logs in over /jsonrpc; /json/2 knows the user by the key alone.</summary>
    public string Login { get; } = login;

    public string ApiKey { get; } = apiKey;

    /// <summary>One of <see cref="OdooTransports"/>.</summary>
    public string Transport { get; } = transport;

    /// <summary>
    /// What a host remembers of a connection (its uid, the server's version, fields) is kept under
    /// this key: changed settings (another URL, database, login, key or transport) start afresh.
    /// Hashed once: every Odoo call looks its server and session up by it.
    /// </summary>
    public string CacheKey { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{baseUrl}\n{database}\n{login}\n{apiKey}\n{transport}")));

    /// <summary>
    /// Odoo's messages are stored on rows and shown to people; a server (or a proxy) that quotes
    /// the request back must not put the key there.
    /// </summary>
    public string Redact(string text) => ApiKey.Length == 0 ? text : text.Replace(ApiKey, "[redacted]", StringComparison.Ordinal);

    public override string ToString() => $"{Login}@{BaseUrl} ({Database})";
}
