using Microsoft.Extensions.Options;

namespace NixCafe.OdooSync.Odoo;

internal sealed class OdooClientFactory(IHttpClientFactory http, OdooSessionCache sessions, OdooServerProfiles profiles, IOptions<OdooClientOptions> options) : IOdooClientFactory
{
    public const string HttpClientName = "odoo";

    public IOdooClient Create(OdooConnectionSettings settings) =>
        new OdooClient(new OdooHttp(http.CreateClient(HttpClientName), settings.BaseUrl, options.Value.CallTimeout), settings, sessions, profiles, options.Value.CallTimeout);
}
