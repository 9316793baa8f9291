using System.Diagnostics;
using System.Text.Json.Nodes;
using NixCafe.OdooSync.Telemetry;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// Times every Odoo call and traces it as a client span: model, method, the rows of a
/// <c>load</c> and the outcome (the failure's kind and name). Never the arguments, the reply or
/// the key: a payload carries register names, and a failure's message may quote the request.
/// </summary>
internal sealed class MeasuredOdooClient(IOdooClient inner, OdooSyncMetrics metrics) : IOdooClient
{
    public Task<OdooServerInfo> FindServerAsync(CancellationToken cancellationToken) =>
        MeasureAsync("common", "version", null, () => inner.FindServerAsync(cancellationToken));

    public async Task AuthenticateAsync(CancellationToken cancellationToken) =>
        await MeasureAsync<object?>("common", "authenticate", null, async () =>
        {
            await inner.AuthenticateAsync(cancellationToken);
            return null;
        });

    public Task<JsonNode?> CallAsync(OdooCall call, CancellationToken cancellationToken) =>
        MeasureAsync(call.Model, call.Method, call.Method == "load" ? (call.Positional.FirstOrDefault(argument => argument.Key == "data").Value as JsonArray)?.Count : null,
            () => inner.CallAsync(call, cancellationToken));

    private async Task<T> MeasureAsync<T>(string model, string method, int? rows, Func<Task<T>> call)
    {
        using var activity = OdooSyncTracing.Source.StartActivity($"odoo {model}.{method}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("odoo.model", model);
            activity.SetTag("odoo.method", method);
            if (rows is { } count)
            {
                activity.SetTag("odoo.batch_size", count);
            }
        }

        var started = Stopwatch.GetTimestamp();
        var outcome = "ok";
        try
        {
            return await call();
        }
        catch (OdooException failure)
        {
            outcome = failure.Kind.ToString().ToLowerInvariant();
            activity?.SetStatus(ActivityStatusCode.Error, failure.Kind.ToString());
            activity?.SetTag("error.type", failure.OdooName);
            throw;
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            activity?.SetTag("nixcafe.outcome", outcome);
            metrics.OdooCalled(method, outcome, Stopwatch.GetElapsedTime(started));
        }
    }
}
