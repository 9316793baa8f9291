using NixCafe.Shared.Application;

namespace NixCafe.OdooSync.Features.DeadLetters;

/// <summary>Gives the current tenant's dead-lettered registers (one, or all) a fresh set of retries.</summary>
public sealed record RequeueDeadLettersCommand(Guid? RegisterId) : ICommand<int>;
