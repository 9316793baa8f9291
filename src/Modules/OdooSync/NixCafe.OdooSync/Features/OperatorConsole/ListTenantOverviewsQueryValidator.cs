using FluentValidation;

namespace NixCafe.OdooSync.Features.OperatorConsole;

internal sealed class ListTenantOverviewsQueryValidator : AbstractValidator<ListTenantOverviewsQuery>
{
    public const int MaxPageSize = 200;

    /// <summary>What the list sorts by: each a column the query computes for every tenant from small indexes.</summary>
    public static readonly IReadOnlyList<string> Sorts = ["name", "plan", "connection", "due", "oldest", "deadLetters"];

    public ListTenantOverviewsQueryValidator()
    {
        RuleFor(query => query.Page).GreaterThanOrEqualTo(1).WithMessage("The page starts at 1.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, MaxPageSize).WithMessage($"The page size must be between 1 and {MaxPageSize}.");
        RuleFor(query => query.Sort).Must(sort => Sorts.Contains(sort)).WithMessage($"Sort by one of: {string.Join(", ", Sorts)}.");
        RuleFor(query => query.Search).MaximumLength(100).WithMessage("Search for at most 100 characters.");
    }
}
