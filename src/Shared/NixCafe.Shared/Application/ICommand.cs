using MediatR;

namespace NixCafe.Shared.Application;

/// <summary>A request that changes state: runs in one database transaction (unit of work).</summary>
public interface ICommand<out TResult> : IRequest<TResult>, ICommandMarker;
