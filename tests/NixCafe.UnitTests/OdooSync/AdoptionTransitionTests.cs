using NixCafe.OdooSync.Domain;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>The "awaiting adoption" transitions of a register's sync: held, linked to an existing Odoo record, released to be created.</summary>
public sealed class AdoptionTransitionTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly DateTimeOffset Earlier = Now.AddHours(-3);

    private static RegisterSync Dirty(string state, int? odooId) =>
        RegisterSync.Restore(state, odooId, retries: 2, nextAttemptAt: Now.AddMinutes(5), syncErrorMessage: "HTTP 502: Odoo is unavailable", queuedAt: Earlier);

    [Theory]
    [InlineData(SyncState.PendingCreate, null, true)]
    [InlineData(SyncState.PendingUpdate, 7, false)]
    [InlineData(SyncState.Synced, 7, false)]
    [InlineData(SyncState.SyncError, null, false)]
    [InlineData(SyncState.AwaitingAdoption, null, false)]
    public void Only_a_waiting_create_is_held_for_adoption(string state, int? odooId, bool held)
    {
        var register = Dirty(state, odooId);

        Assert.Equal(held, register.Apply(RegisterSync.HoldForAdoption<RegisterSync>(), Now));

        Assert.Equal(held ? SyncState.AwaitingAdoption : state, register.SyncState);
        Assert.Equal(odooId, register.OdooPosConfigId);
    }

    [Fact]
    public void A_held_register_is_never_due_so_no_drain_creates_it()
    {
        var register = RegisterSync.Restore(SyncState.PendingCreate);
        register.Apply(RegisterSync.HoldForAdoption<RegisterSync>(), Now);

        Assert.False(register.IsDue(Now.AddDays(1)));
    }

    [Fact]
    public void The_hold_disowns_a_push_in_flight() => Assert.True(RegisterSync.HoldForAdoption<RegisterSync>().EndsLease);

    [Fact]
    public void A_held_register_linked_to_an_Odoo_record_takes_its_id_and_is_pushed_there_as_an_update()
    {
        var register = RegisterSync.Restore(SyncState.AwaitingAdoption, queuedAt: Earlier);

        Assert.True(register.Apply(RegisterSync.LinkToOdooRecord<RegisterSync>(42), Now));

        Assert.Equal((SyncState.PendingUpdate, 42, Now), (register.SyncState, register.OdooPosConfigId, register.QueuedAt));
        Assert.True(register.IsDue(Now));
    }

    [Fact]
    public void A_held_register_released_by_the_operator_is_queued_for_its_create()
    {
        var register = RegisterSync.Restore(SyncState.AwaitingAdoption, queuedAt: Earlier);

        Assert.True(register.Apply(RegisterSync.ReleaseForCreate<RegisterSync>(), Now));

        Assert.Equal((SyncState.PendingCreate, (int?)null, Now), (register.SyncState, register.OdooPosConfigId, register.QueuedAt));
        Assert.True(register.IsDue(Now));
    }

    [Theory]
    [InlineData(SyncState.PendingCreate, null)]
    [InlineData(SyncState.Synced, 7)]
    [InlineData(SyncState.PendingUpdate, 7)]
    [InlineData(SyncState.SyncError, null)]
    public void Only_a_held_register_is_linked_or_released(string state, int? odooId)
    {
        var linked = Dirty(state, odooId);
        var released = Dirty(state, odooId);

        Assert.False(linked.Apply(RegisterSync.LinkToOdooRecord<RegisterSync>(42), Now));
        Assert.False(released.Apply(RegisterSync.ReleaseForCreate<RegisterSync>(), Now));

        Assert.Equal((state, odooId, 2), (linked.SyncState, linked.OdooPosConfigId, linked.Retries));
        Assert.Equal((state, odooId, 2), (released.SyncState, released.OdooPosConfigId, released.Retries));
    }

    [Theory]
    [InlineData(true, SyncState.PendingCreate)]
    [InlineData(false, SyncState.Synced)]
    public void A_held_register_whose_connection_moves_to_another_Odoo_is_created_there_like_every_other(bool pro, string state)
    {
        var register = RegisterSync.Restore(SyncState.AwaitingAdoption);

        Assert.True(register.Apply(RegisterSync.ForgetOdoo<RegisterSync>(pro), Now));

        Assert.Equal(state, register.SyncState);
    }

    [Fact]
    public void A_held_register_is_not_drift() => Assert.Null(RegisterSync.Restore(SyncState.AwaitingAdoption).DriftFrom("Front", true, null));

    [Fact]
    public void A_rename_of_a_held_register_queues_nothing_the_link_or_the_create_pushes_its_latest_name()
    {
        var register = RegisterSync.Restore(SyncState.AwaitingAdoption);

        Assert.False(register.Apply(RegisterSync.QueueUpdate<RegisterSync>(), Now));
        Assert.Equal(SyncState.AwaitingAdoption, register.SyncState);
    }
}
