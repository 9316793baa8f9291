using NixCafe.OdooSync.Features.DrainPosConfigQueue;

namespace NixCafe.OdooSync.Features.RunSyncTick;

/// <summary>Totals of one tick over every tenant with due work.</summary>
public sealed record OdooSyncTickResult(int Tenants, int FailedTenants, int Created, int Updated, int Failed, int DeadLettered, int RequeuedForDivergence, int Skipped, IReadOnlyList<TenantDrainResult> Results);
