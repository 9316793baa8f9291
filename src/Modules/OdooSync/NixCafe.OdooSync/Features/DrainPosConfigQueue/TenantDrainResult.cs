namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>What one drain did for one tenant.</summary>
public sealed record TenantDrainResult(Guid TenantId)
{
    public int PendingCreates { get; init; }

    public int Created { get; init; }

    public int FailedCreates { get; init; }

    public int PendingUpdates { get; init; }

    public int Updated { get; init; }

    public int FailedUpdates { get; init; }

    public int DeadLettered { get; init; }

    public int RequeuedForDivergence { get; init; }

    /// <summary>Creates held for the operator: the tenant's Odoo has records no register owns (see <see cref="AdoptionCheck"/>).</summary>
    public int HeldForAdoption { get; init; }

    /// <summary>Why nothing was pushed (no connection, an unhealthy one, not Pro), or null.</summary>
    public string? Skipped { get; init; }
}
