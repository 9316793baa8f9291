namespace NixCafe.Registers.Features.SetRegisterPrefix;

public sealed record SetRegisterPrefixRequest(string? Prefix);
