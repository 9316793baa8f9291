namespace NixCafe.Shared.Postgres;

/// <summary>Where a private cluster lives and whether it outlives the process.</summary>
/// <param name="RootDirectory">Holds the cluster's data directory, its log and its password.</param>
/// <param name="Temporary">Delete the whole directory on dispose (tests); otherwise keep it (dev).</param>
public sealed record EmbeddedPostgresOptions(string RootDirectory, bool Temporary)
{
    /// <summary>Skip fsync: right for throw-away test clusters, wrong for data you keep.</summary>
    public bool Durable { get; init; } = !Temporary;

    public int MaxConnections { get; init; } = 200;
}
