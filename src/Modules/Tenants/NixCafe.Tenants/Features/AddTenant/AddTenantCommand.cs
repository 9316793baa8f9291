using NixCafe.Shared.Application;

namespace NixCafe.Tenants.Features.AddTenant;

/// <summary>Operator verb: a new tenant on a plan.</summary>
public sealed record AddTenantCommand(string Name, string Plan) : ICommand<Guid>;
