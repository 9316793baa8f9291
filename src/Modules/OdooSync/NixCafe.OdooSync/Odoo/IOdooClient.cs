using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// A tenant's Odoo, whatever its version and transport: the client finds both and hides them.
/// Every method throws <see cref="OdooException"/> on failure.
/// </summary>
internal interface IOdooClient
{
    /// <summary>Finds the server's version and transport afresh, forgetting all this host knew of the server.</summary>
    Task<OdooServerInfo> FindServerAsync(CancellationToken cancellationToken);

    /// <summary>Proves the credentials now, with no remembered login.</summary>
    Task AuthenticateAsync(CancellationToken cancellationToken);

    /// <summary>A model method; a method that returns nothing answers null.</summary>
    Task<JsonNode?> CallAsync(OdooCall call, CancellationToken cancellationToken);
}
