using NixCafe.OdooSync.Features.DrainPosConfigQueue;

namespace NixCafe.OdooSync.Features.SyncFigures;

/// <summary>
/// This host's pushes since the last minute's figures were written: counted in memory as each
/// drain ends, so a push costs no database round trip of its own (<see cref="MinuteFiguresRecorder"/> writes them once a minute).
/// </summary>
internal sealed class PushTally
{
    private long _pushed;
    private long _failed;

    public void Add(TenantDrainResult result)
    {
        Interlocked.Add(ref _pushed, result.Created + result.Updated);
        Interlocked.Add(ref _failed, result.FailedCreates + result.FailedUpdates);
    }

    public (int Pushed, int Failed) Take() => ((int)Interlocked.Exchange(ref _pushed, 0), (int)Interlocked.Exchange(ref _failed, 0));

    /// <summary>A write that failed gives its figures back, so the next minute carries them.</summary>
    public void Restore(int pushed, int failed)
    {
        Interlocked.Add(ref _pushed, pushed);
        Interlocked.Add(ref _failed, failed);
    }
}
