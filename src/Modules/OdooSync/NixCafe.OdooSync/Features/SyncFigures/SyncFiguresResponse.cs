namespace NixCafe.OdooSync.Features.SyncFigures;

/// <summary>The last hour, a figure per minute, oldest first; a minute no host recorded has no pushes and the queue of the minute before.</summary>
public sealed record SyncFiguresResponse(IReadOnlyList<MinuteFigure> Minutes);
