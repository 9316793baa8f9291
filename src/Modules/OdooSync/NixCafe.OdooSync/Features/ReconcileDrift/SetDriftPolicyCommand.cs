using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.ReconcileDrift;

/// <summary>Operator: <c>report</c> (findings are only shown) or <c>repair</c> (NixCafe wins at each check). Answers the policy now in force.</summary>
public sealed record SetDriftPolicyCommand(Guid TenantId, string? Policy) : ICommand<string>, ITenantScopedRequest;
