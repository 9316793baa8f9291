namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>
/// One current finding as the status endpoints show it: the kind (<c>renamed</c>, <c>archived</c>,
/// <c>unarchived</c>, <c>deleted</c>, <c>unknown</c>), the register (null for an unknown record) with
/// its name and active flag in NixCafe, and the record as Odoo has it (name and flag null when deleted).
/// </summary>
public sealed record DriftFindingView(
    string Kind,
    int OdooPosConfigId,
    Guid? RegisterId,
    string? RegisterName,
    bool? RegisterActive,
    string? OdooName,
    bool? OdooActive,
    DateTimeOffset FoundAt);
