using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>One of Odoo's external APIs. Every method throws <see cref="OdooException"/> on failure.</summary>
internal interface IOdooTransport
{
    /// <summary>Proves the credentials now, whatever this host remembers of them.</summary>
    Task AuthenticateAsync(CancellationToken cancellationToken);

    /// <summary>A model method; a method that returns nothing answers null.</summary>
    Task<JsonNode?> CallAsync(OdooCall call, CancellationToken cancellationToken);
}
