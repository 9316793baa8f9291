using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Telemetry;

namespace NixCafe.OdooSync.Odoo;

internal sealed class OdooClientFactory(IHttpClientFactory http, OdooSessionCache sessions, OdooServerProfiles profiles, OdooServerGates gates, TimeProvider clock, IOptions<OdooClientOptions> options, OdooSyncMetrics metrics) : IOdooClientFactory
{
    public const string HttpClientName = "odoo";

    public IOdooClient Create(OdooConnectionSettings settings) => new MeasuredOdooClient(
        new OdooClient(new OdooHttp(http.CreateClient(HttpClientName), settings.BaseUrl, options.Value.CallTimeout, gates.For(settings.BaseUrl), clock), settings, sessions, profiles, options.Value.CallTimeout),
        metrics);
}
