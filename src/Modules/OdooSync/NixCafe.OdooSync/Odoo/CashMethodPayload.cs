using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// A register's own cash journal and cash payment method, made the way Odoo's own set-up of a new
/// point of sale makes them (a journal of type cash, then a method on it), each by <c>load</c>
/// under an external id derived from the register: a retry after a crash or a lost reply, or the
/// next attempt after a dead letter, finds the same records instead of making new ones.
/// </summary>
internal static class CashMethodPayload
{
    public const string JournalModel = "account.journal";

    public const string PaymentMethodModel = "pos.payment.method";

    public const string PaymentMethodsField = "payment_method_ids";

    public static string JournalExternalId(Guid registerId) => $"__nixcafe__.register_{registerId:N}_cash_journal";

    public static string MethodExternalId(Guid registerId) => $"__nixcafe__.register_{registerId:N}_cash_method";

    public static JsonArray JournalColumns() => new("id", "name", "type");

    /// <summary>Odoo gives the journal its code and its default cash account.</summary>
    public static JsonArray JournalRow(Guid registerId, string registerName) => new(JournalExternalId(registerId), $"Cash {registerName}", "cash");

    public static JsonArray MethodColumns() => new("id", "name", "journal_id/id");

    /// <summary>A method on a cash journal is a cash method (<c>is_cash_count</c>), named as Odoo names its own.</summary>
    public static JsonArray MethodRow(Guid registerId) => new(MethodExternalId(registerId), "Cash", JournalExternalId(registerId));
}
