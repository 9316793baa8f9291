using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage;
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

    /// <summary>A retrying execution strategy bound to this context (<see cref="CafeRetryingExecutionStrategy"/>).</summary>
    IExecutionStrategy CreateRetryingStrategy();

    /// <summary>
    /// Forgets what a failed attempt tracked and closes the connection it broke, so that the next
    /// attempt loads everything afresh instead of applying its change over the failed one's.
    /// </summary>
    Task ForgetAttemptAsync();
}
