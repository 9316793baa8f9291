using NixCafe.Shared.Domain;

namespace NixCafe.Registers.Domain;

/// <summary>
/// A POS register of a shop (a row of <c>cafe.pos_configs</c>). Registers that came from the
/// legacy Odoo-only era may have no shop. A change that changes nothing raises no event and so
/// writes nothing and queues nothing for Odoo.
/// </summary>
internal sealed class Register : AggregateRoot, ITenantOwned
{
    private Register()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public Guid? ShopId { get; private set; }

    public string Name { get; private set; } = "";

    public string? SequencePrefix { get; private set; }

    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <param name="registersOfShop">Every register the shop has now, for the uniqueness rules.</param>
    public static Register Create(
        Guid tenantId,
        Guid shopId,
        bool shopBelongsToTenant,
        RegisterName name,
        SequencePrefix? prefix,
        IReadOnlyCollection<Register> registersOfShop,
        TimeProvider clock)
    {
        CheckRule(new ShopMustBelongToTenantRule(shopBelongsToTenant));
        CheckRule(new RegisterNameMustBeUniqueInShopRule(registersOfShop, name, renamedRegister: null));
        if (prefix is not null)
        {
            CheckRule(new SequencePrefixMustBeUniqueInShopRule(registersOfShop, prefix, changedRegister: null));
        }

        var now = clock.GetUtcNow();
        var register = new Register
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            ShopId = shopId,
            Name = name.Value,
            SequencePrefix = prefix?.Value,
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
        register.AddDomainEvent(new RegisterCreatedDomainEvent(register.State, now));
        return register;
    }

    /// <summary>Renaming an inactive register is allowed: the original system renamed an archived test register (docs/design.md).</summary>
    public void Rename(RegisterName name, IReadOnlyCollection<Register> registersOfShop, TimeProvider clock)
    {
        if (name.Value == Name)
        {
            return;
        }

        CheckRule(new RegisterNameMustBeUniqueInShopRule(registersOfShop, name, renamedRegister: Id));
        var oldName = Name;
        Name = name.Value;
        Touch(clock, now => new RegisterRenamedDomainEvent(State, oldName, now));
    }

    public void SetPrefix(SequencePrefix? prefix, IReadOnlyCollection<Register> registersOfShop, TimeProvider clock)
    {
        if (prefix?.Value == SequencePrefix)
        {
            return;
        }

        if (prefix is not null)
        {
            CheckRule(new SequencePrefixMustBeUniqueInShopRule(registersOfShop, prefix, changedRegister: Id));
        }

        var oldPrefix = SequencePrefix;
        SequencePrefix = prefix?.Value;
        Touch(clock, now => new RegisterPrefixChangedDomainEvent(State, oldPrefix, now));
    }

    public void Deactivate(TimeProvider clock)
    {
        if (!IsActive)
        {
            return;
        }

        IsActive = false;
        Touch(clock, now => new RegisterDeactivatedDomainEvent(State, now));
    }

    public void Reactivate(TimeProvider clock)
    {
        if (IsActive)
        {
            return;
        }

        IsActive = true;
        Touch(clock, now => new RegisterReactivatedDomainEvent(State, now));
    }

    public void CheckCanIssueOrderNumbers() => CheckRule(new InactiveRegisterCannotIssueOrderNumbersRule(IsActive));

    private RegisterState State => new(Id, TenantId, ShopId, Name, SequencePrefix, IsActive);

    private void Touch(TimeProvider clock, Func<DateTimeOffset, IDomainEvent> changed)
    {
        var now = clock.GetUtcNow();
        UpdatedAt = now;
        AddDomainEvent(changed(now));
    }
}
