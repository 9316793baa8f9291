namespace NixCafe.OdooSync.Telemetry;

/// <summary>Reads the push queue's totals for the gauges, at most once per collection.</summary>
public interface IQueueFigures
{
    /// <summary>The totals, or null when the database could not be read.</summary>
    QueueFigures? Read();
}
