namespace NixCafe.Shared.Auditing;

/// <summary>Who made a change: a tenant key (<c>tenant_key</c>, its id), the <c>operator</c>, or the <c>system</c> (host verbs, jobs).</summary>
public sealed record AuditActor(string Kind, string Id);
