namespace NixCafe.Registers.Features.RenameRegister;

public sealed record RenameRegisterRequest(string? Name);
