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

        // No inline script but what carries this answer's nonce; inline styles only (Scalar's need: ApiReferencePage).
        var nonce = Nonce().Match(policy).Groups[1].Value;
        Assert.True(nonce.Length >= 16, policy);
        Assert.Contains($"script-src 'self' 'nonce-{nonce}' 'report-sample';", policy, StringComparison.Ordinal);
        Assert.Contains("style-src 'self' 'unsafe-inline';", policy, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(policy, "unsafe-"));
        var scripts = Regex.Matches(html, "<script[^>]*>").Select(tag => tag.Value).ToList();
        Assert.NotEmpty(scripts);
        Assert.All(scripts, tag => Assert.Contains($"nonce=\"{nonce}\"", tag, StringComparison.Ordinal));
        var again = string.Join(';', (await app.Anonymous().GetAsync(location)).Headers.GetValues("Content-Security-Policy"));
        Assert.NotEqual(nonce, Nonce().Match(again).Groups[1].Value);

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

    [Fact]
    public async Task The_openapi_document_describes_the_problem_details_each_operation_can_answer()
    {
        var document = JsonNode.Parse(await app.Anonymous().GetStringAsync("/openapi/v1.json"))!;
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(operation => (Name: $"{operation.Key.ToUpperInvariant()} {path.Key}", Responses: operation.Value!["responses"]!.AsObject())))
            .ToList();

        // Every operation may meet a database that cannot serve; its answer is a ProblemDetails.
        Assert.All(operations, operation => Assert.True(operation.Responses["503"]?["content"]?["application/problem+json"] is not null, $"{operation.Name} documents no 503 ProblemDetails"));
        // A rename: its body is validated field by field, its route names a register, and the new name may break a rule.
        var rename = operations.Single(operation => operation.Name == "PUT /api/cafe/settings/registers/{registerId}/name").Responses;
        foreach (var status in new[] { "400", "401", "404", "409", "413", "429", "503" })
        {
            Assert.True(rename[status]?["content"]?["application/problem+json"]?["schema"] is not null, $"the rename documents no {status} ProblemDetails");
        }

        var invalid = Resolve(document, rename["400"]!["content"]!["application/problem+json"]!["schema"]!);
        Assert.NotNull(invalid["properties"]?["errors"]);
        Assert.NotNull(invalid["properties"]?["title"]);
        // A list takes nothing a client could get wrong but its key.
        var list = operations.Single(operation => operation.Name.TrimEnd('/') == "GET /api/cafe/settings/registers").Responses;
        Assert.Null(list["404"]);
        Assert.Null(list["409"]);
        Assert.NotNull(list["401"]);
    }

    /// <summary>The schema itself, through a <c>$ref</c> to the document's components if it is one.</summary>
    private static JsonNode Resolve(JsonNode document, JsonNode schema) =>
        schema["$ref"]?.GetValue<string>() is { } reference
            ? document["components"]!["schemas"]![reference["#/components/schemas/".Length..]]!
            : schema;

    [GeneratedRegex(@"(?:src|href)=""([^""#]+)""")]
    private static partial Regex SourceOrLink();

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex(":[^}]+}")]
    private static partial Regex Constraint();
}
