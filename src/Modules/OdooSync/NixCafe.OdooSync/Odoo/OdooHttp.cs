using System.Net.Http.Json;
using System.Text.Json.Nodes;
using NixCafe.Shared.Hosting;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// Sends one request to a tenant's Odoo and reads the whole reply, with the call timeout. The
/// named HttpClient never follows redirects (see <see cref="OdooSyncModule"/>). Timeouts and
/// refused connections are transient failures; every reply, whatever its status, is returned.
/// </summary>
internal sealed class OdooHttp(HttpClient http, Uri baseUrl, TimeSpan callTimeout)
{
    public Uri BaseUrl => baseUrl;

    public Task<OdooReply> PostAsync(string path, JsonNode body, Action<HttpRequestMessage>? prepare, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, path)) { Content = JsonContent.Create(body) };
        prepare?.Invoke(request);
        return SendAsync(request, cancellationToken);
    }

    public Task<OdooReply> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(baseUrl, path)), cancellationToken);

    private async Task<OdooReply> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(callTimeout);
        try
        {
            using (request)
            {
                request.Headers.Add("X-NixCafe-Host", HostIdentity.Name);
                using var response = await http.SendAsync(request, timeout.Token);
                var body = await response.Content.ReadAsStringAsync(timeout.Token);
                return new OdooReply(baseUrl, response.StatusCode, response.Content.Headers.ContentType?.MediaType, body, response.Headers.Location);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new OdooException(OdooErrorKind.Transient, "Timeout", $"Odoo did not answer within {callTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            throw new OdooException(OdooErrorKind.Transient, "Unreachable", exception.HttpRequestError is HttpRequestError.NameResolutionError
                ? $"the host {baseUrl.Host} is not known"
                : $"cannot reach {baseUrl.GetLeftPart(UriPartial.Authority)} ({exception.HttpRequestError})");
        }
    }
}
