using Microsoft.Extensions.Options;
using NixCafe.OdooSync.Configuration;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// The host's drain slots: every tenant drain and drift check takes one for its whole run
/// (<see cref="DrainSlotBehaviour{TRequest, TResponse}"/>), whoever asked for it (a tick's trigger,
/// a tenant's own trigger, the operator), so one host never runs more than
/// <c>MaxConcurrentDrains</c> at once. A drain waits on Odoo asynchronously and takes a
/// pooled database connection only while a statement runs, so the slots bound memory and the
/// database's share of the work, not threads; each Odoo server's own bound is its <c>OdooServerGate</c>.
/// </summary>
internal sealed class DrainSlots(IOptions<OdooSyncOptions> options) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.MaxConcurrentDrains);

    /// <summary>Waits for a free slot; disposing the result gives it back.</summary>
    public async Task<IDisposable> TakeAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return new Slot(_slots);
    }

    public void Dispose() => _slots.Dispose();

    private sealed class Slot(SemaphoreSlim slots) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                slots.Release();
            }
        }
    }
}
