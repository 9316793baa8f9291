using FluentMigrator;

namespace NixCafe.OdooSync.Persistence.Migrations;

/// <summary>
/// Quartz stores each durable job with its class's name, and the release that named its jobs
/// after the command they send renamed two of them. Without this, a job stored by the release
/// before (the tick's, and a tenant's drain with its trigger) could not be loaded when it fires.
/// </summary>
[Migration(20261201090000, "Quartz's stored jobs name the renamed job classes")]
public sealed class M20261201090000_QuartzJobTypesRenamed : Migration
{
    private const string OldTick = "NixCafe.OdooSync.Features.RunSyncTick.DrainOdooSyncQueuesJob, NixCafe.OdooSync";
    private const string NewTick = "NixCafe.OdooSync.Features.RunSyncTick.DispatchTenantDrainsJob, NixCafe.OdooSync";
    private const string OldTenantDrain = "NixCafe.OdooSync.Features.RunSyncTick.DrainTenantOdooQueueJob, NixCafe.OdooSync";
    private const string NewTenantDrain = "NixCafe.OdooSync.Features.DrainPosConfigQueue.DrainPosConfigQueueJob, NixCafe.OdooSync";

    public override void Up() => Execute.Sql(RenameJobClass(OldTick, NewTick) + RenameJobClass(OldTenantDrain, NewTenantDrain));

    public override void Down() => Execute.Sql(RenameJobClass(NewTick, OldTick) + RenameJobClass(NewTenantDrain, OldTenantDrain));

    private static string RenameJobClass(string from, string to) =>
        $"UPDATE quartz.qrtz_job_details SET job_class_name = '{to}' WHERE job_class_name = '{from}';\n";
}
