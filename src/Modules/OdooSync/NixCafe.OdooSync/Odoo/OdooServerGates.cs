using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// One <see cref="OdooServerGate"/> per Odoo server this host calls, keyed by its base URL's
/// scheme, host and port: tenants whose databases live on one server share its gate, so a small
/// Odoo (a couple of workers) never gets dozens of requests at once from one host.
/// </summary>
internal sealed class OdooServerGates(IOptions<OdooClientOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, OdooServerGate> _gates = new(StringComparer.OrdinalIgnoreCase);

    public OdooServerGate For(Uri baseUrl) =>
        _gates.GetOrAdd(baseUrl.GetLeftPart(UriPartial.Authority), _ => new OdooServerGate(options.Value.MaxCallsPerOdooServer, clock));
}
