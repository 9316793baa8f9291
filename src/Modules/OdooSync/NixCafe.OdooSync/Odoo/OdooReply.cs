using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>An HTTP reply from a tenant's Odoo (or whatever answers at its URL), read whole.</summary>
internal sealed record OdooReply(Uri BaseUrl, HttpStatusCode Status, string? MediaType, string Body, Uri? Location)
{
    public bool IsRedirect => (int)Status is >= 300 and < 400;

    /// <summary>The body parsed as JSON when the server said it is JSON; an HTML page (a login page, an error page) never is.</summary>
    public JsonNode? Json()
    {
        if (MediaType is not "application/json")
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(Body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Odoo calls never follow redirects: the key would travel to wherever the redirect points.
    /// The reason names the target host, for the operator to fix the URL.
    /// </summary>
    public OdooException RedirectRefused(bool transportMayBeGone = false) => new(OdooErrorKind.Tenant, "Redirect",
        $"{BaseUrl.GetLeftPart(UriPartial.Authority)} answered HTTP {(int)Status} with a redirect to {Target()}; NixCafe does not follow redirects with the API key: set the connection's URL to where Odoo answers")
    {
        TransportMayBeGone = transportMayBeGone,
    };

    /// <summary>Anything that is not the transport's answer: a proxy, a web server, a login page, an Odoo that is restarting.</summary>
    public OdooException NotOdoo(string transport, bool serverMayHaveChanged = false) => (int)Status is 429 or >= 500
        ? new(OdooErrorKind.Transient, $"HTTP {(int)Status}", "Odoo is unavailable")
        : new(OdooErrorKind.Transient, "NotJson",
        $"the server at {BaseUrl.GetLeftPart(UriPartial.Authority)} answered HTTP {(int)Status} ({MediaType ?? "no content type"}) with something that is not an Odoo {transport} reply")
    {
        ServerMayHaveChanged = serverMayHaveChanged,
    };

    private string Target() => Location is null
        ? "an unnamed location"
        : Location.IsAbsoluteUri ? Location.GetLeftPart(UriPartial.Authority) : $"{BaseUrl.GetLeftPart(UriPartial.Authority)} (path {Location.OriginalString.Split('?')[0]})";
}
