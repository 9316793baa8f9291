using FluentMigrator;
using FluentMigrator.Runner.Processors;

namespace NixCafe.Host.Database;

/// <summary>
/// FluentMigrator's connectionless processor for <c>migrate --script</c>: it writes each statement
/// to the logger instead of a database. FluentMigrator builds it with a silent logger unless one
/// is handed over, hence this accessor.
/// </summary>
internal sealed class ScriptProcessorAccessor(IServiceProvider services, ILoggerFactory loggers) : IProcessorAccessor
{
    public IMigrationProcessor Processor { get; } =
        ActivatorUtilities.CreateInstance<ConnectionlessProcessor>(services, loggers.CreateLogger("NixCafe.Migrations.Script"));
}
