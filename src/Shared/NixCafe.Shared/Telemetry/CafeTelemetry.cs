using System.Diagnostics;

namespace NixCafe.Shared.Telemetry;

/// <summary>
/// The names the host's OpenTelemetry pipeline subscribes to (docs/observability.md lists what
/// each source and meter reports). Each module owns its meter; the spans of the MediatR pipeline
/// and the unit of work come from <see cref="Source"/>.
/// </summary>
public static class CafeTelemetry
{
    /// <summary>The building blocks' spans: one per MediatR request, one per unit-of-work commit.</summary>
    public const string SourceName = "NixCafe";

    /// <summary>The OdooSync module's meter and activity source.</summary>
    public const string OdooSyncName = "NixCafe.OdooSync";

    /// <summary>The Registers module's meter.</summary>
    public const string RegistersName = "NixCafe.Registers";

    public static readonly ActivitySource Source = new(SourceName);
}
