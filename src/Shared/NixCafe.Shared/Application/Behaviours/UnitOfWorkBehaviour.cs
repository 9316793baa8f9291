using MediatR;
using NixCafe.Shared.Persistence;
using NixCafe.Shared.Telemetry;

namespace NixCafe.Shared.Application.Behaviours;

/// <summary>
/// Runs a command in one transaction. After the handler, every module's changes are flushed and
/// the domain events are published; their handlers (this module's and other modules', through
/// integration events) write on the same connection and transaction, and only then does it commit.
/// Flushing before publishing lets a handler see the row the command inserted; nothing is visible
/// to anyone else until the single commit, so a throwing handler undoes the whole command.
/// </summary>
internal sealed class UnitOfWorkBehaviour<TRequest, TResponse>(
    CafeDbSession session,
    IEnumerable<IUnitOfWorkParticipant> participants,
    IMediator mediator) : IPipelineBehavior<TRequest, TResponse>
{
    private const int MaxEventRounds = 8;

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommandMarker || session.Transaction is not null)
        {
            return await next();
        }

        var contexts = participants.ToList();
        var transaction = await session.BeginTransactionAsync(cancellationToken);
        TResponse response;
        IReadOnlyList<Func<CancellationToken, Task>> committed;
        try
        {
            foreach (var context in contexts)
            {
                await context.EnlistAsync(transaction, cancellationToken);
            }

            response = await next();
            using (CafeTelemetry.Source.StartActivity("UnitOfWork commit"))
            {
                await SaveAndDispatchAsync(contexts, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            committed = session.TakeCommittedActions();
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.ReleaseAsync(CancellationToken.None);
            }

            await session.EndTransactionAsync();
        }

        // What waited for the commit takes connections of its own (a drain's trigger goes through
        // Quartz's store): the command's goes back to the pool first, so a burst of commands never
        // holds two connections each and cannot empty the pool while each waits for its second.
        if (committed.Count > 0)
        {
            await session.CloseConnectionAsync();
            foreach (var action in committed)
            {
                await action(cancellationToken);
            }
        }

        return response;
    }

    private async Task SaveAndDispatchAsync(List<IUnitOfWorkParticipant> contexts, CancellationToken cancellationToken)
    {
        for (var round = 0; ; round++)
        {
            foreach (var context in contexts)
            {
                await context.SaveChangesAsync(cancellationToken);
            }

            var events = contexts.SelectMany(context => context.TakeDomainEvents()).ToList();
            if (events.Count == 0)
            {
                return;
            }

            if (round == MaxEventRounds)
            {
                throw new InvalidOperationException($"Domain events still raised new events after {MaxEventRounds} rounds.");
            }

            foreach (var domainEvent in events)
            {
                await mediator.Publish(domainEvent, cancellationToken);
            }
        }
    }
}
