using NixCafe.OdooSync.Domain;
using NixCafe.Shared.Domain;

namespace NixCafe.OdooSync.Persistence;

/// <summary>
/// The sync columns of a register row: the part of <c>cafe.pos_configs</c> this module owns, as
/// mapped for set-based statements. The rules they follow are <see cref="RegisterSync"/>'s.
/// </summary>
internal sealed class PosConfigSync : ITenantOwned, IRegisterSyncRow
{
    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public int? OdooPosConfigId { get; set; }

    public string SyncState { get; set; } = "";

    public string? SyncErrorMessage { get; set; }

    public int Retries { get; set; }

    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Since when the row has waited for a push (set on every move into a pending state).</summary>
    public DateTimeOffset? QueuedAt { get; set; }

    /// <summary>The lease of the drain pushing the row now, if any (see <see cref="PushClaims"/>).</summary>
    public Guid? ClaimToken { get; set; }

    public string? ClaimedBy { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset? ClaimedUntil { get; set; }

    /// <summary>Read only here (the Registers module owns it): what a push sends to Odoo.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Read only here (the Registers module owns it): what a push sends to Odoo.</summary>
    public bool IsActive { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
