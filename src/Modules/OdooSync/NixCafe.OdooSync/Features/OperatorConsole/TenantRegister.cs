namespace NixCafe.OdooSync.Features.OperatorConsole;

/// <summary>
/// A register as its sync stands: <paramref name="Error"/> is Odoo's <c>name: message</c> (or
/// NixCafe's reason), <paramref name="OdooId"/> the <c>pos.config</c> it is, and
/// <paramref name="ClaimedBy"/> the host pushing it now.
/// </summary>
public sealed record TenantRegister(
    Guid Id, string Name, bool Active, string State, int Attempts, DateTimeOffset? NextAttemptAt, string? Error, int? OdooId, string? ClaimedBy);
