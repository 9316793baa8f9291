using MediatR;
using Microsoft.EntityFrameworkCore.Storage;
using NixCafe.Shared.Persistence;
using NixCafe.Shared.Telemetry;
using Npgsql;

namespace NixCafe.Shared.Application.Behaviours;

/// <summary>
/// Runs a command in one transaction. After the handler, every module's changes are flushed and
/// the domain events are published; their handlers (this module's and other modules', through
/// integration events) write on the same connection and transaction, and only then does it commit.
/// Flushing before publishing lets a handler see the row the command inserted; nothing is visible
/// to anyone else until the single commit, so a throwing handler undoes the whole command.
/// <para>
/// A dropped connection or a restarting server (<see cref="CafeRetryingExecutionStrategy"/>) runs
/// the whole unit of work again, as EF Core's execution strategies run a user transaction: the
/// handler afresh on a new connection, after checking that the failed attempt did not commit
/// after all. The transaction's first statement writes its commit marker
/// (<see cref="UnitOfWorkCommits"/>): found after a commit whose acknowledgement was lost, the
/// command answers as the attempt that committed did, and nothing is applied twice. A query, which
/// only reads, is simply run again.
/// </para>
/// </summary>
internal sealed class UnitOfWorkBehaviour<TRequest, TResponse>(
    CafeDbSession session,
    IServiceProvider services,
    IMediator mediator,
    NpgsqlDataSource dataSource) : IPipelineBehavior<TRequest, TResponse>
{
    private const int MaxEventRounds = 8;

    private static readonly bool IsQuery = typeof(TRequest).GetInterfaces()
        .Any(type => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IQuery<>));

    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        // Inside a unit of work already, the outer one retries; plain requests (the drains, which call Odoo) never are.
        if (session.Transaction is not null || (request is not ICommandMarker && !IsQuery))
        {
            return await next();
        }

        // Resolved only for a unit of work: every module's DbContext is initialised as it is made,
        // and a request passed through (a drain) needs only the contexts its own handler uses.
        var contexts = UnitOfWorkParticipantType.InScope(services);
        if (contexts.Count == 0)
        {
            return await next();
        }

        var strategy = contexts[0].CreateRetryingStrategy();
        var attempt = new Attempt(next, contexts);
        if (request is not ICommandMarker)
        {
            return await strategy.ExecuteAsync(attempt, (_, state, _) => RememberingFailureAsync(state, ReadAsync), verifySucceeded: null, cancellationToken);
        }

        var response = await strategy.ExecuteAsync(attempt, (_, state, token) => RememberingFailureAsync(state, current => CommitAsync(current, token)),
            (_, state, token) => VerifyAsync(state, token), cancellationToken);
        // What waited for the commit takes connections of its own (a drain's trigger goes through
        // Quartz's store): the command's goes back to the pool first, so a burst of commands never
        // holds two connections each and cannot empty the pool while each waits for its second.
        if (attempt.AfterCommit.Count > 0)
        {
            await session.CloseConnectionAsync();
            foreach (var action in attempt.AfterCommit)
            {
                await action(cancellationToken);
            }
        }

        return response;
    }

    /// <summary>Runs one attempt and keeps its failure, which the next attempt's reset goes by.</summary>
    private static async Task<TResponse> RememberingFailureAsync(Attempt attempt, Func<Attempt, Task<TResponse>> run)
    {
        try
        {
            return await run(attempt);
        }
        catch (Exception exception)
        {
            attempt.Failure = exception;
            throw;
        }
    }

    private async Task<TResponse> ReadAsync(Attempt attempt)
    {
        await StartAsync(attempt);
        return await attempt.Next();
    }

    private async Task<TResponse> CommitAsync(Attempt attempt, CancellationToken cancellationToken)
    {
        await StartAsync(attempt);
        var transaction = await session.BeginTransactionAsync(cancellationToken);
        try
        {
            foreach (var context in attempt.Contexts)
            {
                await context.EnlistAsync(transaction, cancellationToken);
            }

            try
            {
                await UnitOfWorkCommits.MarkAsync(session.Connection, transaction, attempt.Id, cancellationToken);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // The marker waited for an earlier attempt's commit, unacknowledged but still on its way, and it landed.
                return attempt.Response!;
            }

            var response = await attempt.Next();
            using (CafeTelemetry.Source.StartActivity("UnitOfWork commit"))
            {
                await SaveAndDispatchAsync(attempt.Contexts, cancellationToken);
                attempt.Response = response;
                attempt.AfterCommit = session.TakeCommittedActions();
                attempt.CommitSent = true;
                await transaction.CommitAsync(cancellationToken);
            }

            return response;
        }
        finally
        {
            foreach (var context in attempt.Contexts)
            {
                await context.ReleaseAsync(CancellationToken.None);
            }

            await session.EndTransactionAsync();
        }
    }

    /// <summary>After a failure the strategy would retry: whether a commit was sent and its marker is there, read on a new connection.</summary>
    private async Task<ExecutionResult<TResponse>> VerifyAsync(Attempt attempt, CancellationToken cancellationToken) =>
        attempt.CommitSent && await UnitOfWorkCommits.CommittedAsync(dataSource, attempt.Id, cancellationToken)
            ? new ExecutionResult<TResponse>(true, attempt.Response!)
            : new ExecutionResult<TResponse>(false, default!);

    /// <summary>A retry starts from nothing: no tracked entity, no pending event, no connection of the failed attempt.</summary>
    private async Task StartAsync(Attempt attempt)
    {
        if (attempt.Count++ == 0)
        {
            return;
        }

        await session.ResetAfterFailureAsync(attempt.Contexts, attempt.Failure!);
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

    /// <summary>One request's attempts: they share the commit marker's id, and the answer of the one that committed.</summary>
    private sealed class Attempt(RequestHandlerDelegate<TResponse> next, List<IUnitOfWorkParticipant> contexts)
    {
        public Guid Id { get; } = Guid.CreateVersion7();

        public RequestHandlerDelegate<TResponse> Next { get; } = next;

        public List<IUnitOfWorkParticipant> Contexts { get; } = contexts;

        public int Count { get; set; }

        public bool CommitSent { get; set; }

        /// <summary>What the last failed attempt threw.</summary>
        public Exception? Failure { get; set; }

        public TResponse? Response { get; set; }

        public IReadOnlyList<Func<CancellationToken, Task>> AfterCommit { get; set; } = [];
    }
}
