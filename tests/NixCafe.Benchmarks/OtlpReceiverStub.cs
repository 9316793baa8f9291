using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace NixCafe.Benchmarks;

/// <summary>
/// An OpenTelemetry collector's OTLP/HTTP receiver on loopback that reads every export whole and
/// throws it away, answering as a collector does (200, an empty protobuf reply), so the host's
/// exporters do all their work: serialising, sending, waiting for the answer. It counts what came.
/// </summary>
public sealed class OtlpReceiverStub : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (long Requests, long Bytes)> _received = new();

    private OtlpReceiverStub(WebApplication app) => _app = app;

    public Uri BaseUrl => new(_app.Urls.Single());

    /// <summary>Exports received by signal (<c>traces</c>, <c>metrics</c>, <c>logs</c>): requests and body bytes.</summary>
    public IReadOnlyDictionary<string, (long Requests, long Bytes)> Received => _received;

    public static async Task<OtlpReceiverStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var stub = new OtlpReceiverStub(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            stub._received.AddOrUpdate(signal, (1, body.Length), (_, seen) => (seen.Requests + 1, seen.Bytes + body.Length));
            context.Response.ContentType = "application/x-protobuf";
        });
        await app.StartAsync();
        return stub;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
