using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Domain;
using NixCafe.Registers.Persistence;
using NixCafe.Shared.Application;

namespace NixCafe.Registers.Features.ListRegisters;

public sealed record RegisterResponse(Guid Id, Guid? ShopId, string Name, string? Prefix, bool Active, string NextOrderNumber, RegisterSyncResponse? Sync);
