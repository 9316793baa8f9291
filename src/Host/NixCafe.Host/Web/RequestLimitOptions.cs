namespace NixCafe.Host.Web;

/// <summary>The request body cap and the per-caller rate limit (<c>NixCafe:Limits</c>).</summary>
public sealed class RequestLimitOptions
{
    /// <summary>Largest request body accepted; larger ones answer 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Requests one caller (tenant key, or anonymous client address) may send per window; the operator is not limited.</summary>
    public int PermitsPerWindow { get; set; } = 600;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
