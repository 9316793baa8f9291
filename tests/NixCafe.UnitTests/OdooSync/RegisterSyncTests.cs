using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>Every transition of a register's sync with Odoo, each test named after the rule it checks.</summary>
public sealed class RegisterSyncTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Earlier = Now.AddHours(-3);

    private static RegisterSync Dirty(string state, int? odooId) =>
        RegisterSync.Restore(state, odooId, retries: 3, nextAttemptAt: Now.AddMinutes(15), syncErrorMessage: "HTTP 502: Odoo is unavailable", queuedAt: Earlier);

    private static void AssertFreshlyQueued(RegisterSync register, string state)
    {
        Assert.Equal(state, register.SyncState);
        Assert.Equal(Now, register.QueuedAt);
        Assert.Equal((0, null, null), (register.Retries, register.NextAttemptAt, register.SyncErrorMessage));
    }

    [Fact]
    public void A_new_register_of_a_Pro_tenant_is_queued_for_its_create()
    {
        var register = RegisterSync.Restore(SyncState.Synced);

        Assert.True(register.Apply(RegisterSync.Create<RegisterSync>(tenantIsPro: true), Now));

        AssertFreshlyQueued(register, SyncState.PendingCreate);
    }

    [Fact]
    public void A_new_register_of_a_Starter_tenant_has_nothing_to_sync()
    {
        var register = RegisterSync.Restore(SyncState.Synced);

        register.Apply(RegisterSync.Create<RegisterSync>(tenantIsPro: false), Now);

        Assert.Equal(SyncState.Synced, register.SyncState);
        Assert.Null(register.QueuedAt);
    }

    [Theory]
    [InlineData(SyncState.Synced, null, true)]
    [InlineData(SyncState.SyncError, null, true)]
    [InlineData(SyncState.PendingUpdate, null, true)]
    [InlineData(SyncState.PendingCreate, null, false)]
    [InlineData(SyncState.Synced, 7, false)]
    [InlineData(SyncState.SyncError, 7, false)]
    public void A_move_to_Pro_queues_a_create_only_for_a_register_Odoo_lacks_and_not_already_waiting_for_one(string state, int? odooId, bool queued)
    {
        var register = Dirty(state, odooId);

        Assert.Equal(queued, register.Apply(RegisterSync.QueueCreate<RegisterSync>(), Now));

        if (queued)
        {
            AssertFreshlyQueued(register, SyncState.PendingCreate);
        }
        else
        {
            Assert.Equal((state, 3, Earlier), (register.SyncState, register.Retries, register.QueuedAt));
        }
    }

    [Theory]
    [InlineData(SyncState.Synced)]
    [InlineData(SyncState.PendingUpdate)]
    [InlineData(SyncState.SyncError)]
    public void A_change_of_a_register_Odoo_has_queues_an_update_with_fresh_retries_and_no_error_a_dead_letter_included(string state)
    {
        var register = Dirty(state, odooId: 7);

        Assert.True(register.Apply(RegisterSync.QueueUpdate<RegisterSync>(), Now));

        AssertFreshlyQueued(register, SyncState.PendingUpdate);
        Assert.Equal(7, register.OdooPosConfigId);
    }

    [Fact]
    public void A_change_while_the_create_waits_is_carried_by_the_create()
    {
        var register = Dirty(SyncState.PendingCreate, odooId: null);

        Assert.False(register.Apply(RegisterSync.QueueUpdate<RegisterSync>(), Now));
        Assert.True(RegisterSync.CarriedByItsCreate<RegisterSync>().Compile()(register));

        Assert.Equal((SyncState.PendingCreate, 3, Earlier), (register.SyncState, register.Retries, register.QueuedAt));
    }

    [Fact]
    public void A_change_of_a_register_Odoo_never_had_and_no_create_waits_for_queues_nothing()
    {
        var register = RegisterSync.Restore(SyncState.Synced);

        Assert.False(register.Apply(RegisterSync.QueueUpdate<RegisterSync>(), Now));
        Assert.False(RegisterSync.CarriedByItsCreate<RegisterSync>().Compile()(register));

        Assert.Equal(SyncState.Synced, register.SyncState);
    }

    [Theory]
    [InlineData(false, SyncState.Synced)]
    [InlineData(true, SyncState.PendingUpdate)]
    public void A_push_Odoo_took_leaves_the_register_synced_unless_it_changed_during_the_flight(bool changed, string state) =>
        Assert.Equal(state, RegisterSync.StateAfterPush(changedDuringTheFlight: changed));

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 5)]
    [InlineData(2, 15)]
    [InlineData(3, 60)]
    public void A_transient_failure_waits_1_5_15_then_60_minutes_and_keeps_the_register_pending(int retriesBefore, int waitMinutes)
    {
        var register = RegisterSync.Restore(SyncState.PendingUpdate, 7, retries: retriesBefore, queuedAt: Earlier);

        Assert.True(register.RecordFailure(OdooErrorKind.Transient, "HTTP 502: Odoo is unavailable", Now, jitter: 0));

        Assert.Equal(SyncState.PendingUpdate, register.SyncState);
        Assert.Equal(retriesBefore + 1, register.Retries);
        Assert.Equal(Now.AddMinutes(waitMinutes), register.NextAttemptAt);
        Assert.Equal("HTTP 502: Odoo is unavailable", register.SyncErrorMessage);
    }

    [Fact]
    public void The_fifth_transient_failure_dead_letters_the_register()
    {
        var register = RegisterSync.Restore(SyncState.PendingCreate, retries: 4, queuedAt: Earlier);

        Assert.True(register.RecordFailure(OdooErrorKind.Transient, "timeout", Now, jitter: 0.5));

        Assert.Equal((SyncState.SyncError, 5, null), (register.SyncState, register.Retries, register.NextAttemptAt));
        Assert.Equal("timeout", register.SyncErrorMessage);
    }

    [Fact]
    public void A_record_failure_dead_letters_at_once_with_Odoos_reason()
    {
        var register = RegisterSync.Restore(SyncState.PendingCreate, queuedAt: Earlier);

        Assert.True(register.RecordFailure(OdooErrorKind.Record, "load(name): The name is taken", Now, jitter: 0));

        Assert.Equal((SyncState.SyncError, 1, null), (register.SyncState, register.Retries, register.NextAttemptAt));
        Assert.Equal("load(name): The name is taken", register.SyncErrorMessage);
    }

    [Fact]
    public void A_tenant_failure_spends_no_retry_and_changes_nothing()
    {
        var register = Dirty(SyncState.PendingUpdate, 7);

        Assert.False(register.RecordFailure(OdooErrorKind.Tenant, "odoo.exceptions.AccessDenied: Access Denied", Now, jitter: 0));

        Assert.Equal((SyncState.PendingUpdate, 3, Now.AddMinutes(15), "HTTP 502: Odoo is unavailable"),
            (register.SyncState, register.Retries, register.NextAttemptAt, register.SyncErrorMessage));
    }

    [Theory]
    [InlineData(null, SyncState.PendingCreate)]
    [InlineData(7, SyncState.PendingUpdate)]
    public void A_requeued_dead_letter_is_created_where_Odoo_lacks_it_else_updated_with_fresh_retries(int? odooId, string state)
    {
        var register = RegisterSync.Restore(SyncState.SyncError, odooId, retries: 5, syncErrorMessage: "timeout", queuedAt: Earlier);

        Assert.True(register.Apply(RegisterSync.RequeueDeadLetter<RegisterSync>(), Now));

        AssertFreshlyQueued(register, state);
    }

    [Theory]
    [InlineData(SyncState.Synced)]
    [InlineData(SyncState.PendingCreate)]
    [InlineData(SyncState.PendingUpdate)]
    public void Only_a_dead_letter_can_be_requeued(string state)
    {
        var register = Dirty(state, 7);

        Assert.False(register.Apply(RegisterSync.RequeueDeadLetter<RegisterSync>(), Now));

        Assert.Equal((state, 3), (register.SyncState, register.Retries));
    }

    [Fact]
    public void A_register_deleted_in_Odoo_is_created_again_under_no_id()
    {
        var register = Dirty(SyncState.Synced, 7);

        Assert.True(register.Apply(RegisterSync.RecreateInOdoo<RegisterSync>(), Now));

        Assert.Null(register.OdooPosConfigId);
        AssertFreshlyQueued(register, SyncState.PendingCreate);
    }

    [Fact]
    public void A_register_Odoo_never_had_cannot_be_created_again()
    {
        var register = RegisterSync.Restore(SyncState.PendingCreate);

        Assert.False(register.Apply(RegisterSync.RecreateInOdoo<RegisterSync>(), Now));
    }

    [Theory]
    [InlineData(true, SyncState.PendingCreate)]
    [InlineData(false, SyncState.Synced)]
    public void A_connection_moved_to_another_Odoo_forgets_the_old_ids_and_creates_a_Pro_tenants_registers_there(bool pro, string state)
    {
        var register = Dirty(SyncState.PendingUpdate, 7);

        Assert.True(register.Apply(RegisterSync.ForgetOdoo<RegisterSync>(pro), Now));

        Assert.Null(register.OdooPosConfigId);
        Assert.Equal(state, register.SyncState);
        Assert.Equal((0, null, null), (register.Retries, register.NextAttemptAt, register.SyncErrorMessage));
        Assert.Equal(pro ? Now : Earlier, register.QueuedAt);
        Assert.True(RegisterSync.ForgetOdoo<RegisterSync>(pro).EndsLease);
    }

    public static TheoryData<string, int, int?, bool> DueCases => new()
    {
        { SyncState.PendingCreate, 0, null, true },
        { SyncState.PendingUpdate, 4, null, true },
        { SyncState.PendingUpdate, 2, 0, true },
        { SyncState.PendingUpdate, 2, -1, true },
        { SyncState.PendingUpdate, 2, 1, false },
        { SyncState.PendingCreate, 5, null, false },
        { SyncState.Synced, 0, null, false },
        { SyncState.SyncError, 0, null, false },
    };

    [Theory]
    [MemberData(nameof(DueCases))]
    public void A_register_is_due_when_pending_below_the_dead_letter_threshold_and_its_wait_is_over(string state, int retries, int? waitSeconds, bool due)
    {
        var register = RegisterSync.Restore(state, retries: retries, nextAttemptAt: waitSeconds is { } seconds ? Now.AddSeconds(seconds) : null);

        Assert.Equal(due, register.IsDue(Now));
    }

    /// <summary>What a drift check finds for a register named "Front" (active or not) against its record as Odoo answers it (null: deleted).</summary>
    public static TheoryData<string, bool, string?, bool?, string?> DriftCases => new()
    {
        { SyncState.Synced, true, "Front", true, null },
        { SyncState.Synced, false, "Front", false, null },
        { SyncState.Synced, true, "Front [TEST]", true, DriftKind.Renamed },
        { SyncState.Synced, true, "Front", false, DriftKind.Archived },
        { SyncState.Synced, false, "Front", true, DriftKind.Unarchived },
        { SyncState.Synced, true, "Front [TEST]", false, DriftKind.Archived },
        { SyncState.Synced, true, null, null, DriftKind.Deleted },
        // Pending or dead-lettered: the queue's business, never drift, whatever Odoo holds.
        { SyncState.PendingUpdate, true, "Front [TEST]", true, null },
        { SyncState.PendingUpdate, true, null, null, null },
        { SyncState.PendingCreate, true, null, null, null },
        { SyncState.SyncError, true, null, null, null },
        { SyncState.SyncError, true, "Front", false, null },
    };

    [Theory]
    [MemberData(nameof(DriftCases))]
    public void Drift_is_a_synced_registers_disagreement_with_its_record_the_active_flag_first_never_a_pending_or_dead_lettered_one(
        string state, bool registerActive, string? odooName, bool? odooActive, string? kind)
    {
        var register = RegisterSync.Restore(state, state == SyncState.PendingCreate ? null : 7);
        var record = odooName is null ? null : new OdooPosConfigRecord(7, odooName, odooActive!.Value);

        Assert.Equal(kind, register.DriftFrom("Front", registerActive, record));
    }

    [Fact]
    public void A_synced_register_Odoo_does_not_know_of_is_not_compared()
    {
        var register = RegisterSync.Restore(SyncState.Synced, odooPosConfigId: null);

        Assert.Null(register.DriftFrom("Front", true, null));
    }

    [Theory]
    [InlineData(DriftKind.Renamed)]
    [InlineData(DriftKind.Archived)]
    [InlineData(DriftKind.Unarchived)]
    public void A_repair_of_a_renamed_archived_or_unarchived_record_pushes_the_register_again_as_NixCafe_has_it(string kind)
    {
        var register = RegisterSync.Restore(SyncState.Synced, 7, queuedAt: Earlier);

        Assert.True(register.Apply(RegisterSync.RepairDrift<RegisterSync>(kind)!, Now));

        AssertFreshlyQueued(register, SyncState.PendingUpdate);
        Assert.Equal(7, register.OdooPosConfigId);
    }

    [Fact]
    public void A_repair_of_a_deleted_record_creates_the_register_again_under_no_id()
    {
        var register = RegisterSync.Restore(SyncState.Synced, 7, queuedAt: Earlier);

        Assert.True(register.Apply(RegisterSync.RepairDrift<RegisterSync>(DriftKind.Deleted)!, Now));

        AssertFreshlyQueued(register, SyncState.PendingCreate);
        Assert.Null(register.OdooPosConfigId);
    }

    [Fact]
    public void A_repair_never_touches_an_unknown_record() => Assert.Null(RegisterSync.RepairDrift<RegisterSync>(DriftKind.Unknown));

    [Theory]
    [InlineData(SyncState.PendingUpdate, DriftKind.Renamed)]
    [InlineData(SyncState.PendingUpdate, DriftKind.Deleted)]
    [InlineData(SyncState.SyncError, DriftKind.Deleted)]
    public void A_repair_never_touches_a_register_that_moved_since_the_check(string state, string kind)
    {
        var register = Dirty(state, odooId: 7);

        Assert.False(register.Apply(RegisterSync.RepairDrift<RegisterSync>(kind)!, Now));

        Assert.Equal((state, 7, 3, Earlier), (register.SyncState, register.OdooPosConfigId, register.Retries, register.QueuedAt));
    }
}
