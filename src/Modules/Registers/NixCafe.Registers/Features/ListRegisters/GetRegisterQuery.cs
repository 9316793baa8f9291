using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ListRegisters;

/// <summary>One of the authenticated tenant's registers.</summary>
public sealed record GetRegisterQuery(Guid RegisterId) : IQuery<RegisterResponse>;
