using MediatR;
using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>
/// Reads back the tenant's <c>pos.config</c> records and compares them with its registers:
/// renamed, archived, un-archived or deleted in Odoo, or unknown to NixCafe. Replaces the tenant's
/// findings with what it sees and, under the repair policy, queues the pushes that mend them.
/// Not an <c>ICommand</c>: it calls Odoo, so it holds no transaction across the calls (the findings
/// are recorded afterwards by <see cref="RecordDriftCommand"/>, in one transaction).
/// </summary>
public sealed record CheckDriftCommand(Guid TenantId) : IRequest<DriftCheckResult>, ITenantScopedRequest;
