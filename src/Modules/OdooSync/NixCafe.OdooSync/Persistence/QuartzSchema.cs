namespace NixCafe.OdooSync.Persistence;

/// <summary>Where Quartz's clustered job store lives: the migration that creates its tables and the scheduler that uses them read it here.</summary>
internal static class QuartzSchema
{
    /// <summary>The tables' prefix, schema-qualified.</summary>
    public const string TablePrefix = "quartz.qrtz_";
}
