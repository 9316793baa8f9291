using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.OdooSync.Domain;
using NixCafe.OdooSync.Features.DrainPosConfigQueue;
using NixCafe.OdooSync.Odoo;
using NixCafe.OdooSync.Persistence;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Domain;
using NixCafe.Shared.Persistence;
using NixCafe.Tenants.Contracts;

namespace NixCafe.OdooSync.Features.ManageConnection;

internal sealed class SetOdooConnectionCommandHandler(
    OdooSyncDbContext db, QueueTransitions queue, ITenantDirectory tenants, OdooKeyProtector protector, IAuditTrail audit, TimeProvider clock, CafeDbSession session, TenantDrainTriggers drains) :
    IRequestHandler<SetOdooConnectionCommand, Done>
{
    public async Task<Done> Handle(SetOdooConnectionCommand request, CancellationToken cancellationToken)
    {
        var plan = await tenants.GetPlanAsync(request.TenantId, cancellationToken) ?? throw new NotFoundException("Tenant", request.TenantId);
        var connection = await db.Connections.SingleOrDefaultAsync(cancellationToken);
        var before = connection is null ? null : ConnectionAuditView.Of(connection);
        if (connection is null)
        {
            connection = new TenantOdooConnection { TenantId = request.TenantId };
            db.Connections.Add(connection);
        }

        // Ends with a slash so that "jsonrpc" resolves under the base path, not beside it.
        var baseUrl = request.BaseUrl!.TrimEnd('/') + "/";
        var database = request.Database!.Trim();
        var movesToAnotherOdoo = before is not null && !SameOdoo(connection, baseUrl, database);
        var registers = movesToAnotherOdoo ? await db.PosConfigs.CountAsync(cancellationToken) : 0;
        var knownToTheOldOdoo = movesToAnotherOdoo && await db.PosConfigs.AnyAsync(row => row.OdooPosConfigId != null, cancellationToken);
        var move = new MovingToAnotherOdooMustBeConfirmedRule(knownToTheOldOdoo, request.ReplaceOdoo == true, registers, $"{baseUrl} ({database})");
        if (move.IsBroken())
        {
            throw new BusinessRuleValidationException(move);
        }

        connection.BaseUrl = baseUrl;
        connection.Database = database;
        connection.Login = request.Login!.Trim();
        connection.ApiKeyProtected = protector.Protect(request.ApiKey!);
        connection.Transport = request.Transport ?? OdooTransports.Auto;
        connection.Enabled = true;
        connection.Healthy = true;
        connection.LastError = null;
        connection.UpdatedAt = clock.GetUtcNow();
        await audit.RecordAsync("odoo_connection.set", request.TenantId, before, ConnectionAuditView.Of(connection), cancellationToken);
        if (movesToAnotherOdoo)
        {
            // Another Odoo may hold records of its own: its first creates look again.
            connection.AdoptionCheckedAt = null;
        }

        if (movesToAnotherOdoo && registers > 0)
        {
            var queued = await ForgetTheOldOdooAsync(request.TenantId, plan, cancellationToken);
            await audit.RecordAsync("odoo_connection.moved", request.TenantId, before,
                new { connection.BaseUrl, connection.Database, RegistersQueued = queued }, cancellationToken);
        }

        return Done.Value;
    }

    /// <summary>
    /// The old Odoo's ids mean nothing in the new one: every register is created there (keyed by
    /// its external id, so pointing back at the same database later creates nothing twice). Leases
    /// end too, so a push to the old Odoo still in flight records nothing.
    /// </summary>
    private async Task<int> ForgetTheOldOdooAsync(Guid tenantId, string plan, CancellationToken cancellationToken)
    {
        var queued = await queue.ForgetOdooAsync(plan == TenantPlans.Pro, cancellationToken);
        drains.RequestAfterCommit(session, tenantId);
        return queued;
    }

    // The same server and database: a new key, login or transport changes nothing of the registers.
    private static bool SameOdoo(TenantOdooConnection connection, string baseUrl, string database) =>
        Uri.Compare(new Uri(connection.BaseUrl), new Uri(baseUrl), UriComponents.HttpRequestUrl, UriFormat.SafeUnescaped, StringComparison.OrdinalIgnoreCase) == 0
        && connection.Database == database;

    }
