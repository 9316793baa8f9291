using MediatR;
using NixCafe.Shared.Application;
using NixCafe.Shared.Auditing;

namespace NixCafe.OdooSync.Features.OperatorConsole;

internal sealed class RecordOperatorActionCommandHandler(IAuditTrail audit) : IRequestHandler<RecordOperatorActionCommand, Done>
{
    public async Task<Done> Handle(RecordOperatorActionCommand request, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(request.Action, request.TenantId, null, request.Outcome, cancellationToken);
        return Done.Value;
    }
}
