using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Foundation;

public sealed partial class ApiReferenceTests(CafeAppFixture app) : IClassFixture<CafeAppFixture>
{
    [Fact]
    public async Task The_reference_page_loads_only_this_hosts_files_under_a_policy_relaxed_for_it_alone()
    {
        var redirect = await app.Anonymous().GetAsync("/api-reference");
        // Scalar sends the bare path on to its trailing-slash form, from which its files resolve.
        var location = new Uri(new Uri("http://host/api-reference"), redirect.Headers.Location ?? new Uri("/api-reference", UriKind.Relative)).AbsolutePath;
        var page = await app.Anonymous().GetAsync(location);
        var html = await page.Content.ReadAsStringAsync();
        var settings = await app.Anonymous().GetAsync("/cafe/settings/registers");

        Assert.True(page.IsSuccessStatusCode, $"{location}: {(int)page.StatusCode}");
        var policy = string.Join(';', page.Headers.GetValues("Content-Security-Policy"));
        Assert.StartsWith("default-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("default-src 'self'; base-uri 'none'; object-src 'none'; form-action 'self'; frame-ancestors 'none'",
            string.Join(';', settings.Headers.GetValues("Content-Security-Policy")));

        // Every file the page names is this host's, and answers.
        var files = SourceOrLink().Matches(html).Select(match => match.Groups[1].Value).ToList();
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            Assert.DoesNotContain("//", file, StringComparison.Ordinal);
            var path = file.StartsWith('/') ? file : new Uri(new Uri("http://host" + location), file).AbsolutePath;
            Assert.True((await app.Anonymous().GetAsync(path)).IsSuccessStatusCode, $"{path} (from {location}) does not answer");
        }

        Assert.DoesNotContain("fonts.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_openapi_document_describes_exactly_the_api_the_host_maps_and_its_bearer_key()
    {
        var document = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => $"{operation.Key.ToUpperInvariant()} {path.Key}"))
            .Order(StringComparer.Ordinal).ToList();
        var mapped = EndpointCatalog.Of(app.App)
            .Where(endpoint => endpoint.Pattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .Select(endpoint => $"{endpoint.Method} {Constraint().Replace(endpoint.Pattern.RawText!, "}").TrimEnd('/')}")
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(mapped, documented);
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
    }

    [GeneratedRegex(@"(?:src|href)=""([^""#]+)""")]
    private static partial Regex SourceOrLink();

    [GeneratedRegex(":[^}]+}")]
    private static partial Regex Constraint();
}
