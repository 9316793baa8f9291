using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace NixCafe.IntegrationTests.Support;

/// <summary>Keeps cookies as a browser does (Secure ones included: the test server is reached over https) and the page's token.</summary>
public sealed class FakeBrowser(HttpClient client)
{
    public Dictionary<string, string> Cookies { get; } = [];

    public List<string> CookieHeaders { get; } = [];

    public string? Token { get; private set; }

    public async Task ReadTokenAsync(string sessionRoute = "/api/cafe/session") =>
        Token = (await (await SendAsync(HttpMethod.Get, sessionRoute)).ReadOkAsync<JsonElement>()).GetProperty("antiforgeryToken").GetString();

    /// <summary>As the page does: a token, the key, then a new token bound to the session.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string key)
    {
        await ReadTokenAsync();
        var response = await SendAsync(HttpMethod.Post, "/api/cafe/session", new { apiKey = key });
        if (response.IsSuccessStatusCode)
        {
            await ReadTokenAsync();
        }

        return response;
    }

    /// <summary>The operator console's sign-in, the same way.</summary>
    public async Task<HttpResponseMessage> SignInOperatorAsync(string key)
    {
        await ReadTokenAsync("/api/operator/session");
        var response = await SendAsync(HttpMethod.Post, "/api/operator/session", new { operatorKey = key });
        if (response.IsSuccessStatusCode)
        {
            await ReadTokenAsync("/api/operator/session");
        }

        return response;
    }

    /// <param name="poll">Sent as the page's background poll, which must not keep the session alive.</param>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, bool withToken = true, string? token = null,
        AuthenticationHeaderValue? authorization = null, bool poll = false)
    {
        using var request = new HttpRequestMessage(method, url);
        if (poll)
        {
            request.Headers.Add("X-NixCafe-Poll", "1");
        }

        if (Cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        }

        if (withToken && method != HttpMethod.Get && (token ?? Token) is { } sent)
        {
            request.Headers.Add("X-CSRF-TOKEN", sent);
        }

        request.Headers.Authorization = authorization;
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var response = await client.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            CookieHeaders.Add(header);
            var pair = header.Split(';')[0];
            var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            if (value.Length == 0 || header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                Cookies.Remove(name);
            }
            else
            {
                Cookies[name] = value;
            }
        }

        return response;
    }
}
