using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ReactivateRegister;

/// <summary>Puts a register back in service; needs no validator (the route guarantees the id).</summary>
public sealed record ReactivateRegisterCommand(Guid RegisterId) : ICommand<Done>;
