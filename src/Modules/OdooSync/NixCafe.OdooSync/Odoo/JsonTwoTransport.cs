using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// Odoo 19's <c>POST {base}/json/2/{model}/{method}</c>: the API key alone authenticates each
/// call (no login, no uid), the database is named in <c>X-Odoo-Database</c>, arguments go by
/// name, and a 200 reply is the bare result. Failures carry a real HTTP status and a JSON body
/// whose <c>name</c> is the exception; messages are translated, so neither is read for meaning.
/// </summary>
internal sealed class JsonTwoTransport(OdooHttp http, OdooConnectionSettings settings) : IOdooTransport
{
    /// <summary>Answers on Odoo 19 and later, without a key; 16 and 17 answer 404, 18 a redirect to its login page (<c>docs/odoo-protocol.md</c>).</summary>
    public const string VersionPath = "json/version";

    /// <summary><c>GET /json/version</c>: the server's version, or null when this server has no /json/2.</summary>
    public static async Task<string?> VersionAsync(OdooHttp http, CancellationToken cancellationToken)
    {
        var reply = await http.GetAsync(VersionPath, cancellationToken);
        return reply.Status == HttpStatusCode.OK && reply.Json() is JsonObject answer && answer["version"] is JsonValue version
            ? version.ToString()
            : null;
    }

    /// <summary>Asks a question every API user may answer; it fails as any call would on a bad key, database or missing app.</summary>
    public Task AuthenticateAsync(CancellationToken cancellationToken) =>
        CallAsync(OdooCall.CheckAccessRights("pos.config", "read"), cancellationToken);

    public async Task<JsonNode?> CallAsync(OdooCall call, CancellationToken cancellationToken)
    {
        var body = OdooRequestBody.Write(writer => writer.WriteArguments(call.Positional.Concat(call.Keyword)));
        var reply = await http.PostAsync($"json/2/{call.Model}/{call.Method}", body, request =>
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("bearer", settings.ApiKey);
            request.Headers.Add("X-Odoo-Database", settings.Database);
        }, cancellationToken);
        // 18 answers /json/2 with a redirect to its login page, 16 and 17 with a 404 page (docs/odoo-protocol.md):
        // a server this host knew as a 19 may have been replaced by an older one at the same address.
        // Asked again, a 19 that still answers /json/version gets this failure as it is.
        if (reply.IsRedirect)
        {
            throw reply.RedirectRefused(transportMayBeGone: true);
        }

        var json = reply.Json();
        if (reply.Status == HttpStatusCode.OK)
        {
            return json ?? throw reply.NotOdoo("/json/2");
        }

        if (json is JsonObject error && error["name"] is JsonValue name)
        {
            throw OdooException.FromJsonTwo((int)reply.Status, settings.Redact(name.ToString()), settings.Redact(error["message"]?.ToString() ?? "no message"));
        }

        throw reply.Status switch
        {
            // Odoo's own 404 page for a database it does not serve (a JSON 404 is a model, method or record).
            HttpStatusCode.NotFound => new OdooException(OdooErrorKind.Tenant, "DatabaseNotFound", $"Odoo does not serve a database named '{settings.Database}'")
            {
                TransportMayBeGone = true,
            },
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new OdooException(OdooErrorKind.Tenant, $"HTTP {(int)reply.Status}", "Odoo refused the API key"),
            _ => reply.NotOdoo("/json/2"),
        };
    }
}
