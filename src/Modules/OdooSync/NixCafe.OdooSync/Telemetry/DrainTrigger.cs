namespace NixCafe.OdooSync.Telemetry;

/// <summary>Who asked for a tenant's drain: the <c>trigger</c> attribute of the drain metrics.</summary>
public enum DrainTrigger
{
    /// <summary>Someone asked for it directly: the operator's drain-now, a verb, a test.</summary>
    Operator,

    /// <summary>The tenant's own trigger: its changes (after <c>ImmediateDrainDelay</c>) or the rest of a backlog.</summary>
    Immediate,

    /// <summary>The clustered minute tick.</summary>
    Tick,
}
