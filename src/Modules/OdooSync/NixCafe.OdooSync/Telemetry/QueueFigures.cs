namespace NixCafe.OdooSync.Telemetry;

/// <summary>The push queue across every tenant, as one read of the database found it (totals only: no tenant's figures).</summary>
public sealed record QueueFigures(long DueRegisters, TimeSpan OldestDueAge, long DeadLetteredRegisters, long UnhealthyTenants, long PausedTenants);
