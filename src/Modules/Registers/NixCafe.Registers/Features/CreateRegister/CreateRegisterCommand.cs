using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.CreateRegister;

public sealed record CreateRegisterCommand(Guid? ShopId, string? Name, string? Prefix) : ICommand<Guid>;
