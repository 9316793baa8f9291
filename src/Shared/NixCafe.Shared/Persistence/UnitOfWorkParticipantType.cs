using Microsoft.Extensions.DependencyInjection;

namespace NixCafe.Shared.Persistence;

/// <summary>
/// A module's DbContext type, registered once per module: the unit of work takes the scope's
/// context of each as a participant. A context is registered as itself only, so its scope
/// disposes it once: a pooled context disposed a second time went back to the pool again while
/// another request had leased it.
/// </summary>
public sealed record UnitOfWorkParticipantType(Type ContextType)
{
    /// <summary>The scope's context of every module, as the unit of work enlists them.</summary>
    public static List<IUnitOfWorkParticipant> InScope(IServiceProvider scope) =>
        scope.GetServices<UnitOfWorkParticipantType>()
            .Select(participant => (IUnitOfWorkParticipant)scope.GetRequiredService(participant.ContextType))
            .ToList();
}
