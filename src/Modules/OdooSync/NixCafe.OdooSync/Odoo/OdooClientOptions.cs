namespace NixCafe.OdooSync.Odoo;

public sealed class OdooClientOptions
{
    /// <summary>
    /// How long one request to Odoo may take before it counts as a transient failure. One call,
    /// whatever it takes (finding the server, a login, a fresh login and the call again), may take
    /// twice this.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most requests one host sends at once to one Odoo server (scheme, host and port), whichever
    /// tenants it serves; fewer while the server slows down or after a 429.
    /// </summary>
    public int MaxCallsPerOdooServer { get; set; } = 4;
}
