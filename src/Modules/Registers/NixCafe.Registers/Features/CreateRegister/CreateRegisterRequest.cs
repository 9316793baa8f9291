namespace NixCafe.Registers.Features.CreateRegister;

public sealed record CreateRegisterRequest(Guid? ShopId, string? Name, string? Prefix);
