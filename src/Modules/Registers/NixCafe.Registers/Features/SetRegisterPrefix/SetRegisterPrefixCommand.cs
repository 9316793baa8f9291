using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.SetRegisterPrefix;

/// <summary>Sets the order-number prefix; a null or blank prefix clears it.</summary>
public sealed record SetRegisterPrefixCommand(Guid RegisterId, string? Prefix) : ICommand<Done>;
