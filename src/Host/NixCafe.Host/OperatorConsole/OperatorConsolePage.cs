using NixCafe.Host.SettingsPage;

namespace NixCafe.Host.OperatorConsole;

/// <summary>
/// The operator console (<c>/operator</c>): one HTML page, its script and its style, embedded in
/// the host like the settings page and built on its stylesheet and its shared script (<c>page.js</c>). The page signs in and calls the
/// operator API itself; serving it needs no key.
/// </summary>
internal static class OperatorConsolePage
{
    public const string PageRoute = "/operator";

    public static void MapOperatorConsolePage(this IEndpointRouteBuilder endpoints) =>
        SettingsPageEndpoints.MapEmbeddedFiles(endpoints,
        [
            (PageRoute, "OperatorConsole/operator.html", "text/html; charset=utf-8"),
            ("/operator/assets/operator.js", "OperatorConsole/operator.js", "text/javascript; charset=utf-8"),
            ("/operator/assets/operator.css", "OperatorConsole/operator.css", "text/css; charset=utf-8"),
        ]);
}
