using System.Text.Json;

namespace NixCafe.Tenants.Features.ListAuditEntries;

public sealed record AuditEntryResponse(
    long Id, DateTimeOffset At, string ActorKind, string ActorId, string Action, Guid SubjectId, JsonElement? Before, JsonElement? After);
