namespace NixCafe.FakeOdoo;

/// <summary>An account.journal record as the fake stores it; <see cref="Type"/> is Odoo's selection value (cash, bank, sale, …).</summary>
public sealed record FakeJournal(int Id, string Name, string Type, string Code);
