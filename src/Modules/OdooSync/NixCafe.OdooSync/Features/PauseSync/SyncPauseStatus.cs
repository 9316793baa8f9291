using NixCafe.OdooSync.Domain;

namespace NixCafe.OdooSync.Features.PauseSync;

/// <summary>Whether an operator paused the tenant's sync, since when, by whom and why.</summary>
public sealed record SyncPauseStatus(bool Paused, DateTimeOffset? PausedAt, string? PausedBy, string? Reason)
{
    public static readonly SyncPauseStatus Running = new(false, null, null, null);

    internal static SyncPauseStatus Of(SyncPause pause) => new(pause.IsPaused, pause.PausedAt, pause.PausedBy, pause.Reason);
}
