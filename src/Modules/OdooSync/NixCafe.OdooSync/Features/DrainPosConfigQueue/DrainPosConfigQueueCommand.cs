using MediatR;
using NixCafe.OdooSync.Telemetry;
using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// Pushes one tenant's due registers to its Odoo, a batch at a time (creates first, then
/// updates), until none is due or ten batches went; a larger backlog goes on in a drain of its
/// own. Deliberately not an <c>ICommand</c>: it must never hold a database transaction
/// open across an Odoo call, so it reads, calls Odoo, and records each outcome on its own.
/// A drain on the tenant's own trigger (<see cref="DrainTrigger.Immediate"/>: the tenant's job,
/// which runs one at a time) leaves an edit made during its flight to the drain that edit asked
/// for, which can only run after it: so a burst of edits makes two pushes, not one per flight.
/// Other drains (a tick's, the operator's) push such an edit themselves before they stop.
/// <paramref name="Trigger"/> also labels the drain metrics.
/// </summary>
public sealed record DrainPosConfigQueueCommand(Guid TenantId, DrainTrigger Trigger = DrainTrigger.Operator) : IRequest<TenantDrainResult>, ITenantScopedRequest;
