using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using NixCafe.Shared.Application;
using NixCafe.Shared.Domain;

namespace NixCafe.Shared.Persistence;

/// <summary>
/// Base of each module's DbContext. Each module maps only the tables and columns it owns; the
/// schema itself comes from the one ordered migration history in the host.
/// Every <see cref="ITenantOwned"/> entity gets a global query filter bound to
/// <see cref="ICurrentTenant"/>, here, for every module: a new use case cannot forget the scope,
/// and a query with no tenant set throws rather than reading every tenant's rows. Work that spans
/// tenants opts out with <c>IgnoreQueryFilters()</c>, visibly, where it does.
/// </summary>
public abstract class ModuleDbContext : DbContext, IUnitOfWorkParticipant
{
    private static readonly PropertyInfo CurrentTenantIdProperty =
        typeof(ModuleDbContext).GetProperty(nameof(CurrentTenantId), BindingFlags.Instance | BindingFlags.NonPublic)!;

    private ICurrentTenant? _tenant;

    protected ModuleDbContext(DbContextOptions options)
        : base(options)
    {
        // Inside the unit of work's transaction EF Core would wrap each SaveChanges in a savepoint,
        // and it ignores a failure to release one: a connection that broke right after the
        // statements then surfaced at the next statement as "transaction already completed",
        // which nothing can tell from a bug. A failed SaveChanges fails the whole unit of work,
        // which rolls back and is run again, so a savepoint has nothing to keep; without them each
        // SaveChanges also spares a round trip.
        Database.AutoSavepointsEnabled = false;
    }

    // Read by the query filters each time a query runs, so it is this scope's tenant.
    private Guid CurrentTenantId => (_tenant ?? throw new InvalidOperationException("The context serves no scope: it has no tenant.")).Id;

    /// <summary>
    /// The scope this context serves from now on: its tenant filters every query. A context is
    /// pooled and serves one scope after another (<see cref="ModuleDbContextRegistration"/>).
    /// </summary>
    public void UseTenant(ICurrentTenant tenant) => _tenant = tenant;

    public Task EnlistAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
        Database.UseTransactionAsync(transaction, cancellationToken);

    public Task ReleaseAsync(CancellationToken cancellationToken) =>
        Database.UseTransactionAsync(null, cancellationToken);

    public IExecutionStrategy CreateRetryingStrategy() => new CafeRetryingExecutionStrategy(this.GetService<ExecutionStrategyDependencies>());

    public async Task ForgetAttemptAsync()
    {
        ChangeTracker.Clear();
        await Database.CloseConnectionAsync();
    }

    public IReadOnlyList<IDomainEvent> TakeDomainEvents()
    {
        var aggregates = ChangeTracker.Entries<AggregateRoot>()
            .Select(entry => entry.Entity)
            .Where(aggregate => aggregate.DomainEvents.Count > 0)
            .ToList();
        var events = aggregates.SelectMany(aggregate => aggregate.DomainEvents).ToList();
        aggregates.ForEach(aggregate => aggregate.ClearDomainEvents());
        return events;
    }

    /// <summary>The module's own tables and columns.</summary>
    protected abstract void MapModel(ModelBuilder modelBuilder);

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        MapModel(modelBuilder);
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(entity => typeof(ITenantOwned).IsAssignableFrom(entity.ClrType)))
        {
            // row => row.TenantId == this.CurrentTenantId; EF reads the property from the context running each query.
            var row = Expression.Parameter(entity.ClrType, "row");
            var ofCurrentTenant = Expression.Equal(
                Expression.Property(row, nameof(ITenantOwned.TenantId)),
                Expression.Property(Expression.Constant(this), CurrentTenantIdProperty));
            modelBuilder.Entity(entity.ClrType).HasQueryFilter(Expression.Lambda(ofCurrentTenant, row));
        }
    }
}
