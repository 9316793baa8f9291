namespace NixCafe.OdooSync.Odoo;

public sealed class OdooClientOptions
{
    /// <summary>
    /// How long one call may take, whatever it takes to make it (finding the server, a login, a
    /// fresh login and the call again), before it counts as a transient failure.
    /// </summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
