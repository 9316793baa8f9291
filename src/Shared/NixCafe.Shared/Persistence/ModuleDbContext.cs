using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Domain;

namespace NixCafe.Shared.Persistence;

/// <summary>A module's DbContext as the unit of work sees it.</summary>
public interface IUnitOfWorkParticipant
{
    Task EnlistAsync(DbTransaction transaction, CancellationToken cancellationToken);

    Task ReleaseAsync(CancellationToken cancellationToken);

    Task<int> SaveChangesAsync(CancellationToken cancellationToken);

    /// <summary>Returns the domain events of every tracked aggregate and clears them.</summary>
    IReadOnlyList<IDomainEvent> TakeDomainEvents();
}

/// <summary>
/// Base of each module's DbContext. Each module maps only the tables and columns it owns; the
/// schema itself comes from the one ordered migration history in the host.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options), IUnitOfWorkParticipant
{
    public Task EnlistAsync(DbTransaction transaction, CancellationToken cancellationToken) =>
        Database.UseTransactionAsync(transaction, cancellationToken);

    public Task ReleaseAsync(CancellationToken cancellationToken) =>
        Database.UseTransactionAsync(null, cancellationToken);

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
}
