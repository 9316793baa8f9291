namespace NixCafe.Host.SettingsPage;

/// <summary>
/// The registers settings page: one HTML page, its script and its style, embedded in the host so
/// it runs from wherever the binary is, with nothing from a CDN. The page signs in and calls the
/// JSON API itself; serving it needs no key.
/// </summary>
internal static class SettingsPageEndpoints
{
    public const string PageRoute = "/cafe/settings/registers";

    private static readonly (string Route, string File, string ContentType)[] Files =
    [
        (PageRoute, "registers.html", "text/html; charset=utf-8"),
        ("/cafe/settings/assets/registers.js", "registers.js", "text/javascript; charset=utf-8"),
        ("/cafe/settings/assets/registers.css", "registers.css", "text/css; charset=utf-8"),
        ("/cafe/settings/assets/favicon.svg", "favicon.svg", "image/svg+xml"),
    ];

    public static void MapSettingsPage(this IEndpointRouteBuilder endpoints)
    {
        foreach (var (route, file, contentType) in Files)
        {
            var content = Read(file);
            endpoints.MapGet(route, (HttpResponse response) =>
                {
                    // Always revalidated, so a new build's page never runs with an old script.
                    response.Headers.CacheControl = "no-cache";
                    return TypedResults.Bytes(content, contentType);
                })
                .AllowAnonymous()
                .ExcludeFromDescription();
        }
    }

    private static byte[] Read(string file)
    {
        using var stream = typeof(SettingsPageEndpoints).Assembly.GetManifestResourceStream($"SettingsPage/{file}")
            ?? throw new InvalidOperationException($"The settings page's {file} is not embedded in the host.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
