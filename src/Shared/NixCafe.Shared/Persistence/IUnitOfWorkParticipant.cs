using System.Data.Common;
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
