using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ReactivateRegister;

/// <summary>Puts a register back in service; needs no validator (the route guarantees the id).</summary>
public sealed record ReactivateRegisterCommand(Guid RegisterId) : ICommand<Done>;
