namespace NixCafe.Registers.Features.ListRegisters;

public sealed record RegisterResponse(Guid Id, Guid? ShopId, string Name, string? Prefix, bool Active, string NextOrderNumber, RegisterSyncResponse? Sync);
