using MediatR;

namespace NixCafe.Shared.Application;

/// <summary>Marks every command, whatever its result, for the unit-of-work behaviour.</summary>
public interface ICommandMarker;

/// <summary>A request that changes state: runs in one database transaction (unit of work).</summary>
public interface ICommand<out TResult> : IRequest<TResult>, ICommandMarker;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResult> : IRequest<TResult>;

/// <summary>The result of a command that returns nothing.</summary>
public readonly record struct Done
{
    public static readonly Done Value = default;
}
