namespace NixCafe.Shared.Hosting;

/// <summary>
/// This process as others see it: Odoo's call log (X-NixCafe-Host), the row claims, the Quartz
/// cluster and PostgreSQL's pg_stat_activity (application_name). Machine and process id, so two
/// hosts on one machine, or a host and its restart, never share a name.
/// </summary>
public static class HostIdentity
{
    public static readonly string Name = $"{Environment.MachineName}:{Environment.ProcessId}";
}
