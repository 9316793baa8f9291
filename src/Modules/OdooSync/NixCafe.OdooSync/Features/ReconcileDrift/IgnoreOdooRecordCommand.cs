using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>
/// Operator: the drift check stops reporting a <c>pos.config</c> no register owns (e.g. the
/// template new registers copy), or, with <paramref name="Ignored"/> false, reports it again.
/// Its finding goes at once; a record a register owns cannot be ignored.
/// </summary>
public sealed record IgnoreOdooRecordCommand(Guid TenantId, int OdooPosConfigId, bool Ignored) : ICommand<Done>, ITenantScopedRequest;
