using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// What the connector needs from Odoo, whatever the transport: JSON-RPC today; Odoo 19's
/// /json/2 with bearer keys can be a second implementation without touching the connector.
/// Every method throws <see cref="OdooException"/> on failure.
/// </summary>
internal interface IOdooClient
{
    Task<JsonNode?> VersionAsync(CancellationToken cancellationToken);

    /// <summary>Logs in (once per connection; the uid is reused) and returns the uid.</summary>
    Task<int> AuthenticateAsync(CancellationToken cancellationToken);

    /// <summary>A model method; a reply without a result (a method that returns nothing) is null.</summary>
    Task<JsonNode?> ExecuteKwAsync(string model, string method, JsonArray args, JsonObject? kwargs, CancellationToken cancellationToken);
}

internal interface IOdooClientFactory
{
    IOdooClient Create(OdooConnectionSettings settings);
}
