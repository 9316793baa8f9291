namespace NixCafe.IntegrationTests.Observability;

/// <summary>
/// Meters and activity sources are process-wide: a host's exporters see every host's instruments
/// and spans of the same name. These tests count exact amounts, so no other test class runs
/// beside them.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ObservabilityCollection
{
    public const string Name = "observability";
}
