namespace NixCafe.OdooSync.Features.SyncFigures;

/// <summary>The last hour, a figure per minute, oldest first; a minute no host recorded counts zero.</summary>
public sealed record SyncFiguresResponse(IReadOnlyList<MinuteFigure> Minutes);
