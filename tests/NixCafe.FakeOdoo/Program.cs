using NixCafe.FakeOdoo;

// Standalone: dotnet run --project tests/NixCafe.FakeOdoo -- [url] [api key]
var url = args.ElementAtOrDefault(0) ?? "http://127.0.0.1:8069";
await using var server = await FakeOdooServer.StartAsync(url, args.ElementAtOrDefault(1) ?? "fake-odoo-api-key");
Console.WriteLine($"Fake Odoo 16 on {server.BaseUrl} (database '{FakeOdooServer.DatabaseName}', login '{FakeOdooServer.LoginName}'). Ctrl+C stops it.");
var stopped = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stopped.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stopped.TrySetResult();
await stopped.Task;
