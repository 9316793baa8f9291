namespace NixCafe.IntegrationTests.Cluster;

/// <summary>Cluster tests start host processes: run them one class at a time so they do not starve each other of CPU.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
