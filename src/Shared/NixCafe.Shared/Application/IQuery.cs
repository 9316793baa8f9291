using MediatR;

namespace NixCafe.Shared.Application;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResult> : IRequest<TResult>;
