using MediatR;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>
/// Takes one of the host's drain slots before the handler is made. MediatR resolves a handler, and
/// with it the scoped services it needs (a pooled DbContext each), only when the innermost
/// behaviour calls it; a tick can hand one host more tenants than it has slots, and drains waiting
/// for a slot then hold nothing but their request.
/// </summary>
internal sealed class DrainSlotBehaviour<TRequest, TResponse>(DrainSlots slots) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        using var slot = await slots.TakeAsync(cancellationToken);
        return await next();
    }
}
