using System.Diagnostics;

namespace NixCafe.OdooSync.Persistence;

/// <summary>
/// One drain's lease on some rows. The token, not the host name, proves the lease is still this
/// drain's. It also remembers when each row's lease was last set and which rows have their outcome
/// recorded, so a drain asks the database only when it must.
/// </summary>
internal sealed class PushClaim(Guid token, IReadOnlyList<ClaimedRow> rows, bool moreDue, long leasedAt)
{
    private readonly Dictionary<Guid, long> _leasedAt = rows.ToDictionary(row => row.Id, _ => leasedAt);
    private readonly HashSet<Guid> _settled = [];

    public Guid Token => token;

    public IReadOnlyList<ClaimedRow> Rows => rows;

    /// <summary>Whether the tenant had more due rows than this claim took.</summary>
    public bool MoreDue => moreDue;

    /// <summary>Rows whose outcome is recorded: the claim no longer holds them.</summary>
    public void Settle(IEnumerable<Guid> ids) => _settled.UnionWith(ids);

    public IReadOnlyList<Guid> Unsettled() => rows.Select(row => row.Id).Where(id => !_settled.Contains(id)).ToList();

    /// <summary>How long ago (on this host's monotonic clock) the oldest of these rows' leases was set.</summary>
    public TimeSpan OldestLeaseAge(IEnumerable<Guid> ids) => ids.Select(id => Stopwatch.GetElapsedTime(_leasedAt[id])).DefaultIfEmpty().Max();

    public void Renewed(IEnumerable<Guid> ids, long at)
    {
        foreach (var id in ids)
        {
            _leasedAt[id] = at;
        }
    }
}
