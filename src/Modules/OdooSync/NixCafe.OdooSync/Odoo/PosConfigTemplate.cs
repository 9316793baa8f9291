using System.Text.Json.Nodes;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// The tenant's first active <c>pos.config</c>, whose settings a new register copies, and what a
/// copy must not share: its cash payment methods (since Odoo 17 a cash method belongs to one point
/// of sale only, so each register gets a cash method and journal of its own instead:
/// <c>docs/odoo-protocol.md</c>).
/// </summary>
internal sealed record PosConfigTemplate(CloneFields Fields, JsonObject Record, IReadOnlyList<int> NonCashPaymentMethodIds, bool HasCashPaymentMethod)
{
    public string Name => Record["name"]?.ToString() ?? $"pos.config {Record["id"]}";
}
