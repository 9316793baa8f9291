using MediatR;
using NixCafe.OdooSync.Telemetry;
using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// Pushes one tenant's due registers to its Odoo, a batch at a time (creates first, then
/// updates), until none is due or ten batches went; a larger backlog goes on in a drain of its
/// own. Deliberately not an <c>ICommand</c>: it must never hold a database transaction
/// open across an Odoo call, so it reads, calls Odoo, and records each outcome on its own.
/// <paramref name="Trigger"/> says who asked, for the drain metrics only.
/// </summary>
public sealed record DrainPosConfigQueueCommand(Guid TenantId, DrainTrigger Trigger = DrainTrigger.Operator) : IRequest<TenantDrainResult>, ITenantScopedRequest;
