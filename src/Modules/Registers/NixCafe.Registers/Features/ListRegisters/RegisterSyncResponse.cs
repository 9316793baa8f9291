namespace NixCafe.Registers.Features.ListRegisters;

public sealed record RegisterSyncResponse(string State, string? Error, int Attempts, int? OdooId);
