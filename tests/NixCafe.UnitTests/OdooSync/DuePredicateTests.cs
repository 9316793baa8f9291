using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Persistence;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>The SQL every selector of due rows shares, said with the domain's states and threshold.</summary>
public sealed class DuePredicateTests
{
    [Fact]
    public void The_pending_part_is_the_partial_indexs_predicate_with_the_domains_states_and_threshold_as_literals() =>
        Assert.Equal($"p.sync_state IN ('{SyncState.PendingCreate}', '{SyncState.PendingUpdate}') AND p.odoo_sync_retries < {RetrySchedule.DeadLetterAt}", PushClaims.Pending("p"));

    [Fact]
    public void Due_adds_that_the_wait_is_over_with_the_time_as_a_parameter() =>
        Assert.EndsWith("AND (odoo_next_attempt_at IS NULL OR odoo_next_attempt_at <= @now)", PushClaims.Due("@now"));
}
