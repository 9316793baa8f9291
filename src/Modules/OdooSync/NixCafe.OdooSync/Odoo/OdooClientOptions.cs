namespace NixCafe.OdooSync.Odoo;

public sealed class OdooClientOptions
{
    /// <summary>How long one call may take before it counts as a transient failure.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
