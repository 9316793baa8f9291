using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.DeactivateRegister;

/// <summary>Takes a register out of service; needs no validator (the route guarantees the id).</summary>
public sealed record DeactivateRegisterCommand(Guid RegisterId) : ICommand<Done>;
