using System.Text.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using NixCafe.Shared.Application;
using NixCafe.Tenants.Persistence;

namespace NixCafe.Tenants.Features.ListAuditEntries;

public sealed record AuditEntryResponse(
    long Id, DateTimeOffset At, string ActorKind, string ActorId, string Action, Guid SubjectId, JsonElement? Before, JsonElement? After);
