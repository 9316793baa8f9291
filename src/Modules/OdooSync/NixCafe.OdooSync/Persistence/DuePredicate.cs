using System.Globalization;
using NixCafe.OdooSync.Domain;

namespace NixCafe.OdooSync.Persistence;

/// <summary>
/// <see cref="RegisterSync.IsDue"/> in SQL, the one definition the claim, the tenants-with-due-work
/// selector and the queue's health check share. Its states and threshold are written into the
/// statement as literals, not parameters: PostgreSQL uses the partial index
/// <c>cafe_pos_configs_pending_push_idx</c> only when it can prove that the query implies the
/// index's predicate, and a parameter proves nothing in a plan made for any value (a generic
/// plan, as a prepared statement gets). A test checks the generic plans of the three selectors
/// against the index as its migrations made it (<c>docs/design.md</c> describes the index).
/// </summary>
internal static class DuePredicate
{
    /// <summary>
    /// Pending and not dead-lettered: the index's predicate. <paramref name="alias"/> qualifies the
    /// columns ("" for none).
    /// </summary>
    public static string Pending(string alias = "")
    {
        var column = alias.Length == 0 ? "" : alias + ".";
        var states = string.Join(", ", SyncState.Pending.Select(state => $"'{state}'"));
        return $"{column}sync_state IN ({states}) AND {column}odoo_sync_retries < {RetrySchedule.DeadLetterAt.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// Due at <paramref name="nowParameter"/> (an SQL parameter's name, e.g. <c>@now</c>): pending,
    /// not dead-lettered, its wait over.
    /// </summary>
    public static string Due(string nowParameter, string alias = "")
    {
        var column = alias.Length == 0 ? "" : alias + ".";
        return $"{Pending(alias)} AND ({column}odoo_next_attempt_at IS NULL OR {column}odoo_next_attempt_at <= {nowParameter})";
    }

    /// <summary>
    /// No drain holds the row: never leased, or its lease ran out (compared with the database's
    /// clock, as the claims that set leases are, so hosts' clocks need not agree).
    /// </summary>
    public static string Unleased(string alias = "")
    {
        var column = alias.Length == 0 ? "" : alias + ".";
        return $"({column}claimed_until IS NULL OR {column}claimed_until < clock_timestamp())";
    }
}
