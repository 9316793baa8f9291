using System.Globalization;
using System.Runtime.InteropServices;
using NixCafe.FakeOdoo;

// Standalone: dotnet NixCafe.FakeOdoo.dll [url] [api key] [version] [jsonrpc on|off]
// The version and jsonrpc fall back to FAKE_ODOO_VERSION (16) and FAKE_ODOO_JSONRPC (on).
var url = Setting(0, null, "http://127.0.0.1:8069");
var apiKey = Setting(1, null, "fake-odoo-api-key");
var version = int.Parse(Setting(2, "FAKE_ODOO_VERSION", "16"), CultureInfo.InvariantCulture);
var jsonRpc = Setting(3, "FAKE_ODOO_JSONRPC", "on") switch
{
    "on" => true,
    "off" => false,
    var other => throw new ArgumentException($"jsonrpc is 'on' or 'off', not '{other}'"),
};
await using var server = await FakeOdooServer.StartAsync(url, apiKey, version, jsonRpc);
var transports = (server.JsonRpcEnabled, server.Version >= 19) switch
{
    (true, true) => "/jsonrpc and /json/2",
    (false, _) => "/json/2 only, as Odoo 20",
    _ => "/jsonrpc",
};
Console.WriteLine($"Fake Odoo {server.Version} on {server.BaseUrl} serving {transports} (database '{FakeOdooServer.DatabaseName}', login '{FakeOdooServer.LoginName}'). Ctrl+C or SIGTERM stops it.");

// The host's own console lifetime swallows SIGTERM to stop the web server only; the process must end too.
var stopped = new TaskCompletionSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
await stopped.Task;

void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stopped.TrySetResult();
}

string Setting(int position, string? variable, string fallback) =>
    args.ElementAtOrDefault(position) is { Length: > 0 } given ? given
    : variable is not null && Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured ? configured
    : fallback;
