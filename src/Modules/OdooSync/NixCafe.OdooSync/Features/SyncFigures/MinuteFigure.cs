namespace NixCafe.OdooSync.Features.SyncFigures;

/// <summary>One minute: registers due and dead-lettered (the queue's totals), and pushes made and failed (every host's).</summary>
public sealed record MinuteFigure(DateTimeOffset Minute, int Due, int DeadLetters, int Pushed, int Failed);
