using FluentValidation;

namespace NixCafe.Tenants.Features.ListAuditEntries;

internal sealed class ListAuditEntriesQueryValidator : AbstractValidator<ListAuditEntriesQuery>
{
    public const int MaxPageSize = 200;

    public ListAuditEntriesQueryValidator()
    {
        RuleFor(query => query.Page).GreaterThanOrEqualTo(1).WithMessage("The page starts at 1.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"The page size must be between 1 and {MaxPageSize}.");
    }
}
