using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ListRegisters;

/// <summary>The authenticated tenant's registers, optionally of one shop, by name.</summary>
public sealed record ListRegistersQuery(Guid? ShopId) : IQuery<IReadOnlyList<RegisterResponse>>;
