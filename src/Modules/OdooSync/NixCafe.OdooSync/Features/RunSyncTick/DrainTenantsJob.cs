using MediatR;
using Quartz;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>
/// Some tenants' drains from one tick, on whichever host acquired the trigger. Many triggers fire
/// this one job at once, on one host and across hosts: the host's drain slots, not Quartz, bound
/// how many drains run, and the row claims keep two drains off one row.
/// </summary>
internal sealed class DrainTenantsJob(IMediator mediator) : IJob
{
    public const string TenantIdsKey = "tenantIds";

    public static readonly JobKey Key = new("drain-tenants", "odoo-sync-tick-drains");

    /// <summary>
    /// The one job every tick trigger fires (each trigger carries its tenants), stored with the
    /// tick's triggers. Recoverable: when a host dies running one, another host runs it again once
    /// the cluster notices, and drains what is still due (rows the dead host leased wait for
    /// their lease).
    /// </summary>
    public static IJobDetail Detail => JobBuilder.Create<DrainTenantsJob>().WithIdentity(Key).StoreDurably().RequestRecovery().Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new DrainTenantsCommand([.. context.MergedJobDataMap.GetString(TenantIdsKey)!.Split(',').Select(Guid.Parse)]), cancellationToken);
}
