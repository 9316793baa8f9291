namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// How many requests this host sends to one Odoo server at once, whichever tenants share it. The
/// limit starts at its ceiling, halves when the server's recent answers take twice as long as
/// its usual ones (its workers are busy: more requests would only queue there), and grows back
/// by one per answer at the usual speed (at most once per answer time). Recent and usual are averages of the latency over about
/// 5 and 50 answers, so a server whose calls differ in cost (a version probe, a batch load) is
/// compared with its own mix. A 429 halves the limit too, and closes the gate until its <c>Retry-After</c>.
/// </summary>
internal sealed class OdooServerGate(int ceiling, TimeProvider clock)
{
    private readonly int _ceiling = ceiling;

    /// <summary>Recent latency this many times the usual counts as climbing.</summary>
    private const double Climbing = 2.0;

    /// <summary>Recent latency below this many times the usual counts as normal again.</summary>
    private const double Normal = 1.25;

    /// <summary>Below this, latency differences are noise, not load.</summary>
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(20);

    private readonly Lock _lock = new();
    private readonly LinkedList<TaskCompletionSource> _waiting = [];
    private int _limit = ceiling;
    private int _inFlight;
    private double _recentMs;
    private double _usualMs;
    private DateTimeOffset _closedUntil = DateTimeOffset.MinValue;
    private DateTimeOffset _lastCut = DateTimeOffset.MinValue;
    private DateTimeOffset _lastChange = DateTimeOffset.MinValue;

    /// <summary>The current limit (between 1 and the ceiling).</summary>
    public int Limit
    {
        get
        {
            lock (_lock)
            {
                return _limit;
            }
        }
    }

    /// <summary>Until when the server asked not to be called (a 429's <c>Retry-After</c>); past when it did not.</summary>
    public DateTimeOffset ClosedUntil
    {
        get
        {
            lock (_lock)
            {
                return _closedUntil;
            }
        }
    }

    /// <summary>Waits for a free place under the limit; the caller must call <see cref="Leave"/> once its request is answered.</summary>
    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        lock (_lock)
        {
            if (_inFlight < _limit)
            {
                _inFlight++;
                return;
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.AddLast(turn);
        }

        using var cancel = cancellationToken.Register(() =>
        {
            lock (_lock)
            {
                // Still waiting: leave the queue. Already admitted: the place is held and Leave gives it back.
                if (_waiting.Remove(turn))
                {
                    turn.TrySetCanceled(cancellationToken);
                }
            }
        });
        await turn.Task;
    }

    /// <summary>Gives the place back and learns from how long the server took.</summary>
    public void Leave(TimeSpan latency)
    {
        lock (_lock)
        {
            _inFlight--;
            var ms = Math.Max(latency.TotalMilliseconds, Floor.TotalMilliseconds);
            _recentMs = _recentMs == 0 ? ms : (_recentMs * 0.8) + (ms * 0.2);
            _usualMs = _usualMs == 0 ? ms : (_usualMs * 0.98) + (ms * 0.02);
            if (_recentMs > _usualMs * Climbing)
            {
                Cut();
            }
            else if (_recentMs < _usualMs * Normal && _limit < _ceiling && clock.GetUtcNow() - _lastChange >= Cooldown())
            {
                _limit++;
                _lastChange = clock.GetUtcNow();
            }

            Admit();
        }
    }

    /// <summary>A 429: fewer requests at once, and none before <paramref name="until"/> when the server said when.</summary>
    public void Refused(DateTimeOffset? until)
    {
        lock (_lock)
        {
            if (until > _closedUntil)
            {
                _closedUntil = until.Value;
            }

            Cut();
        }
    }

    /// <summary>
    /// Halves the limit, at most once per recent answer time, so one slow burst does not cut it to
    /// one; it grows back no faster either.
    /// </summary>
    private void Cut()
    {
        var now = clock.GetUtcNow();
        if (now - _lastCut < Cooldown())
        {
            return;
        }

        _lastCut = now;
        _lastChange = now;
        _limit = Math.Max(1, _limit / 2);
    }

    private TimeSpan Cooldown() => TimeSpan.FromMilliseconds(Math.Max(_recentMs, Floor.TotalMilliseconds));

    private void Admit()
    {
        while (_inFlight < _limit && _waiting.First is { } next)
        {
            _waiting.RemoveFirst();
            _inFlight++;
            next.Value.TrySetResult();
        }
    }
}
