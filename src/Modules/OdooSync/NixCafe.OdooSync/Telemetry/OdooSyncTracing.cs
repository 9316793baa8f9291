using System.Diagnostics;

namespace NixCafe.OdooSync.Telemetry;

/// <summary>
/// The <c>NixCafe.OdooSync</c> activity source: a span per pushed step of a batch (the registers'
/// ids on it, so a change's trace finds the drain that pushed it) and one per Odoo call (model,
/// method, batch size, outcome: never the key or the payload).
/// </summary>
internal static class OdooSyncTracing
{
    public static readonly ActivitySource Source = new(Shared.Telemetry.CafeTelemetry.OdooSyncName);

    /// <summary>A span over one step of a batch's push, tagged with the registers it carries.</summary>
    public static Activity? StartPush(string operation, IEnumerable<Guid> registerIds)
    {
        var activity = Source.StartActivity($"push {operation}");
        if (activity is { IsAllDataRequested: true })
        {
            var ids = registerIds.Select(id => id.ToString()).ToArray();
            activity.SetTag("nixcafe.push.operation", operation);
            activity.SetTag("nixcafe.push.batch_size", ids.Length);
            activity.SetTag("nixcafe.register_ids", ids);
        }

        return activity;
    }
}
