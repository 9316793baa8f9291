using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.DeactivateRegister;

/// <summary>Takes a register out of service; needs no validator (the route guarantees the id).</summary>
public sealed record DeactivateRegisterCommand(Guid RegisterId) : ICommand<Done>;
