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
        (PageRoute, "SettingsPage/registers.html", "text/html; charset=utf-8"),
        // What the settings page and the operator console share (the console loads it from here, as it does the stylesheet).
        ("/cafe/settings/assets/page.js", "SettingsPage/page.js", "text/javascript; charset=utf-8"),
        ("/cafe/settings/assets/registers.js", "SettingsPage/registers.js", "text/javascript; charset=utf-8"),
        ("/cafe/settings/assets/registers.css", "SettingsPage/registers.css", "text/css; charset=utf-8"),
        ("/cafe/settings/assets/favicon.svg", "SettingsPage/favicon.svg", "image/svg+xml"),
    ];

    public static void MapSettingsPage(this IEndpointRouteBuilder endpoints) => MapEmbeddedFiles(endpoints, Files);

    /// <summary>Serves embedded files (their resource names) at their routes, anonymously and always revalidated.</summary>
    public static void MapEmbeddedFiles(IEndpointRouteBuilder endpoints, IEnumerable<(string Route, string File, string ContentType)> files)
    {
        foreach (var (route, file, contentType) in files)
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
        using var stream = typeof(SettingsPageEndpoints).Assembly.GetManifestResourceStream(file)
            ?? throw new InvalidOperationException($"{file} is not embedded in the host.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
