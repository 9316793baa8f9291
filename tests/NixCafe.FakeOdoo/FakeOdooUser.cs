namespace NixCafe.FakeOdoo;

/// <summary>An Odoo user the fake knows: its login, its API key, and whether it is an accounting administrator.</summary>
internal sealed record FakeOdooUser(string Login, string ApiKey, bool AccountingRights);
