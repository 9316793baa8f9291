using MediatR;
using Quartz;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>
/// Some tenants' drift checks from one schedule, on whichever host acquired the trigger. Like the
/// tick's drains, many triggers fire this job at once across hosts: the host's drain slots bound
/// how many checks run, and each tenant's check lease keeps two checks of one tenant apart.
/// </summary>
internal sealed class CheckTenantsDriftJob(IMediator mediator) : IJob
{
    public const string TenantIdsKey = "tenantIds";

    public static readonly JobKey Key = new("check-tenants-drift", "odoo-sync-drift-checks");

    /// <summary>Recoverable: a host that dies mid-check has its trigger run again elsewhere (a lease it held runs out first).</summary>
    public static IJobDetail Detail => JobBuilder.Create<CheckTenantsDriftJob>().WithIdentity(Key).StoreDurably().RequestRecovery().Build();

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await mediator.Send(new CheckTenantsDriftCommand([.. context.MergedJobDataMap.GetString(TenantIdsKey)!.Split(',').Select(Guid.Parse)]), cancellationToken);
}
