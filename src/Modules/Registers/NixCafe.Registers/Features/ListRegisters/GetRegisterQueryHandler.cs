using MediatR;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ListRegisters;

internal sealed class GetRegisterQueryHandler(RegisterReader reader) : IRequestHandler<GetRegisterQuery, RegisterResponse>
{
    public async Task<RegisterResponse> Handle(GetRegisterQuery request, CancellationToken cancellationToken) =>
        (await reader.ReadAsync(shopId: null, request.RegisterId, cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException("Register", request.RegisterId);
}
