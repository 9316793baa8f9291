using System.Linq.Expressions;

namespace NixCafe.OdooSync.Domain;

/// <summary>
/// A move of a register into a state that waits for a push (or into synced, for a tenant with no
/// Odoo), stated once for one register and for many: the registers it applies to, the state it
/// leaves each in, and what else it ends. Every such move starts the wait afresh: retries, error
/// and backoff cleared. <see cref="RegisterSync"/> applies it to one register in memory; the
/// persistence side applies the same expressions to many rows in one UPDATE.
/// </summary>
/// <param name="AppliesTo">The guard: a register it does not hold for is left as it is.</param>
/// <param name="State">The state it leaves a register in, read before anything is written.</param>
internal sealed record QueueTransition<T>(Expression<Func<T, bool>> AppliesTo, Expression<Func<T, string>> State)
    where T : class, IRegisterSyncRow
{
    private Func<T, bool>? _appliesTo;

    private Func<T, string>? _state;

    /// <summary>The register forgets the id of its Odoo record (Odoo deleted it, or it is another Odoo).</summary>
    public bool ForgetsOdooId { get; init; }

    /// <summary>A push in flight is disowned: its lease ends, so its outcome is not recorded.</summary>
    public bool EndsLease { get; init; }

    /// <summary>The register waits from now (false only where it lands synced: it waits for nothing).</summary>
    public bool StartsAWait { get; init; } = true;

    public bool Holds(T register) => (_appliesTo ??= AppliesTo.Compile())(register);

    public string StateOf(T register) => (_state ??= State.Compile())(register);
}
