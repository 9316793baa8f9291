namespace NixCafe.OdooSync.Features.DeadLetters;

public sealed record DeadLetter(Guid RegisterId, string Name, string? Error, int Attempts);
