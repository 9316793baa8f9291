using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.SyncFigures;

/// <summary>Operator: the queue's figures per minute over the last hour, for the console's chart.</summary>
public sealed record GetSyncFiguresQuery : IQuery<SyncFiguresResponse>;
