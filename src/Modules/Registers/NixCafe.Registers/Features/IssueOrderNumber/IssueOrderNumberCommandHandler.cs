using MediatR;
using Microsoft.EntityFrameworkCore;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.IssueOrderNumber;

internal sealed class IssueOrderNumberCommandHandler(RegistersDbContext db, ICurrentTenant tenant)
    : IRequestHandler<IssueOrderNumberCommand, OrderNumberResponse>
{
    public async Task<OrderNumberResponse> Handle(IssueOrderNumberCommand request, CancellationToken cancellationToken)
    {
        var register = await db.GetForTenantAsync(request.RegisterId, tenant.Id, cancellationToken);
        register.CheckCanIssueOrderNumbers();
        // One upsert: the row lock of ON CONFLICT serialises concurrent callers, so every caller
        // gets its own number and none is skipped.
        var sequence = await db.Database.SqlQuery<int>($"""
                INSERT INTO cafe.pos_sequences (tenant_id, pos_config_uuid, last_number)
                VALUES ({register.TenantId}, {register.Id}, 1)
                ON CONFLICT (pos_config_uuid) DO UPDATE SET last_number = cafe.pos_sequences.last_number + 1
                RETURNING last_number AS "Value"
                """)
            .ToListAsync(cancellationToken);
        return new OrderNumberResponse(OrderNumber.Format(register.SequencePrefix, sequence[0]), sequence[0]);
    }
}
