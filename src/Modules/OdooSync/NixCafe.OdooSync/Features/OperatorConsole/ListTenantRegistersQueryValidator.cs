using FluentValidation;

namespace NixCafe.OdooSync.Features.OperatorConsole;

internal sealed class ListTenantRegistersQueryValidator : AbstractValidator<ListTenantRegistersQuery>
{
    public ListTenantRegistersQueryValidator()
    {
        RuleFor(query => query.Page).GreaterThanOrEqualTo(1).WithMessage("The page starts at 1.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, ListTenantOverviewsQueryValidator.MaxPageSize)
            .WithMessage($"The page size must be between 1 and {ListTenantOverviewsQueryValidator.MaxPageSize}.");
    }
}
