using FluentValidation;
using MediatR;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Contracts;
using NixCafe.Tenants.Domain;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.AddTenant;

/// <summary>Operator verb: a new tenant on a plan.</summary>
public sealed record AddTenantCommand(string Name, string Plan) : ICommand<Guid>;

internal sealed class AddTenantCommandValidator : AbstractValidator<AddTenantCommand>
{
    public AddTenantCommandValidator()
    {
        RuleFor(command => command.Name).NotEmpty().Must(name => name.Trim().Length is >= 1 and <= 100)
            .WithMessage("The tenant name must be 1 to 100 characters.");
        RuleFor(command => command.Plan).Must(plan => TenantPlans.All.Contains(plan))
            .WithMessage($"The plan must be one of: {string.Join(", ", TenantPlans.All)}.");
    }
}

internal sealed class AddTenantCommandHandler(TenantsDbContext db, TimeProvider clock) : IRequestHandler<AddTenantCommand, Guid>
{
    public Task<Guid> Handle(AddTenantCommand request, CancellationToken cancellationToken)
    {
        var tenant = Tenant.Create(request.Name, request.Plan, clock);
        db.Tenants.Add(tenant);
        return Task.FromResult(tenant.Id);
    }
}
