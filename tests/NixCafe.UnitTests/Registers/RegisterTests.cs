using NixCafe.Registers.Domain;
using NixCafe.Shared.Domain;

namespace NixCafe.UnitTests.Registers;

public sealed class RegisterTests
{
    private static readonly Guid Tenant = Guid.NewGuid();
    private static readonly Guid Shop = Guid.NewGuid();
    private static readonly TimeProvider Clock = TimeProvider.System;

    private static Register NewRegister(string name, string? prefix = null, IReadOnlyCollection<Register>? siblings = null)
    {
        var register = Register.Create(Tenant, Shop, shopBelongsToTenant: true, RegisterName.Create(name), SequencePrefix.Create(prefix), siblings ?? [], Clock);
        register.ClearDomainEvents();
        return register;
    }

    private static T BrokenRule<T>(Action action) where T : IBusinessRule =>
        Assert.IsType<T>(Assert.Throws<BusinessRuleValidationException>(action).BrokenRule);

    [Fact]
    public void Create_raises_created_with_the_registers_state()
    {
        var register = Register.Create(Tenant, Shop, true, RegisterName.Create(" Front "), SequencePrefix.Create("fr"), [], Clock);

        var created = Assert.IsType<RegisterCreatedDomainEvent>(Assert.Single(register.DomainEvents));
        Assert.Equal(new RegisterState(register.Id, Tenant, Shop, "Front", "FR", true), created.Register);
    }

    [Fact]
    public void Create_in_a_shop_of_another_tenant_breaks_a_rule_that_reports_as_not_found()
    {
        var rule = BrokenRule<ShopMustBelongToTenantRule>(() => Register.Create(Tenant, Shop, false, RegisterName.Create("Front"), null, [], Clock));

        Assert.True(((IBusinessRule)rule).ReportsAsNotFound);
    }

    [Fact]
    public void Names_are_unique_in_the_shop_ignoring_case_and_prefixes_are_unique_too()
    {
        var front = NewRegister("Front", "FR");

        BrokenRule<RegisterNameMustBeUniqueInShopRule>(() => NewRegister("FRONT", siblings: [front]));
        BrokenRule<SequencePrefixMustBeUniqueInShopRule>(() => NewRegister("Drive", "fr", siblings: [front]));
        Assert.Equal("Drive", NewRegister("Drive", "DR", siblings: [front]).Name);
    }

    [Fact]
    public void Renaming_to_the_same_name_raises_nothing_and_a_case_change_is_a_rename()
    {
        var front = NewRegister("Front");

        front.Rename(RegisterName.Create("  Front "), [front], Clock);
        Assert.Empty(front.DomainEvents);

        front.Rename(RegisterName.Create("FRONT"), [front], Clock);
        var renamed = Assert.IsType<RegisterRenamedDomainEvent>(Assert.Single(front.DomainEvents));
        Assert.Equal("Front", renamed.OldName);
        Assert.Equal("FRONT", renamed.Register.Name);
    }

    [Fact]
    public void Renaming_to_a_siblings_name_is_refused_and_changes_nothing()
    {
        var front = NewRegister("Front");
        var drive = NewRegister("Drive", siblings: [front]);

        BrokenRule<RegisterNameMustBeUniqueInShopRule>(() => front.Rename(RegisterName.Create("drive"), [front, drive], Clock));

        Assert.Equal("Front", front.Name);
        Assert.Empty(front.DomainEvents);
    }

    [Fact]
    public void An_inactive_register_can_be_renamed()
    {
        var front = NewRegister("Front");
        front.Deactivate(Clock);

        front.Rename(RegisterName.Create("Old front"), [front], Clock);

        Assert.Equal(["RegisterDeactivatedDomainEvent", "RegisterRenamedDomainEvent"], front.DomainEvents.Select(e => e.GetType().Name));
        Assert.False(Assert.IsType<RegisterRenamedDomainEvent>(front.DomainEvents.Last()).Register.IsActive);
    }

    [Fact]
    public void Deactivating_twice_or_reactivating_an_active_register_raises_one_event_each_time_it_changes()
    {
        var front = NewRegister("Front");

        front.Reactivate(Clock);
        front.Deactivate(Clock);
        front.Deactivate(Clock);
        front.Reactivate(Clock);

        Assert.Equal(["RegisterDeactivatedDomainEvent", "RegisterReactivatedDomainEvent"], front.DomainEvents.Select(e => e.GetType().Name));
        Assert.True(front.IsActive);
    }

    [Fact]
    public void Setting_the_same_prefix_raises_nothing_and_clearing_it_raises_a_change()
    {
        var front = NewRegister("Front", "FR");

        front.SetPrefix(SequencePrefix.Create("fr"), [front], Clock);
        Assert.Empty(front.DomainEvents);

        front.SetPrefix(null, [front], Clock);
        var changed = Assert.IsType<RegisterPrefixChangedDomainEvent>(Assert.Single(front.DomainEvents));
        Assert.Equal("FR", changed.OldPrefix);
        Assert.Null(front.SequencePrefix);
    }

    [Fact]
    public void An_inactive_register_cannot_issue_order_numbers()
    {
        var front = NewRegister("Front");
        front.CheckCanIssueOrderNumbers();
        front.Deactivate(Clock);

        BrokenRule<InactiveRegisterCannotIssueOrderNumbersRule>(front.CheckCanIssueOrderNumbers);
    }

    [Theory]
    [InlineData("FRONT", 1, "FRONT-001")]
    [InlineData("FRONT", 42, "FRONT-042")]
    [InlineData(null, 1, "001")]
    [InlineData("D", 999, "D-999")]
    [InlineData("D", 1000, "D-1000")]
    [InlineData(null, 123456, "123456")]
    public void Order_numbers_are_the_prefix_and_at_least_three_digits(string? prefix, long sequence, string expected) =>
        Assert.Equal(expected, OrderNumber.Format(prefix, sequence));
}
