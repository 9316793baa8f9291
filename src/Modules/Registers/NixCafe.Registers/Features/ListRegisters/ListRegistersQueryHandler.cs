using MediatR;

namespace NixCafe.Registers.Features.ListRegisters;

internal sealed class ListRegistersQueryHandler(RegisterReader reader) : IRequestHandler<ListRegistersQuery, IReadOnlyList<RegisterResponse>>
{
    public Task<IReadOnlyList<RegisterResponse>> Handle(ListRegistersQuery request, CancellationToken cancellationToken) =>
        reader.ReadAsync(request.ShopId, registerId: null, cancellationToken);
}
