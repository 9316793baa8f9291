using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.RenameRegister;

public sealed record RenameRegisterCommand(Guid RegisterId, string? Name) : ICommand<Done>;
