namespace NixCafe.OdooSync.Features.DeadLetters;

/// <summary>A register a drain is pushing now: which host holds it, since when, and until when at most.</summary>
public sealed record ActiveClaim(Guid RegisterId, string Name, string ClaimedBy, DateTimeOffset ClaimedAt, DateTimeOffset ClaimedUntil);
