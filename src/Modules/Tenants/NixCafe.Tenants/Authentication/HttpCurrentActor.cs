using Microsoft.AspNetCore.Http;
using NixCafe.Shared.Auditing;
using NixCafe.Shared.Hosting;

namespace NixCafe.Tenants.Authentication;

/// <summary>
/// The audit trail's "who": the request's tenant key, or the operator by name (<c>operator</c> for
/// the configured key, as before operators had names), or this host when no request is running (verbs, jobs).
/// </summary>
internal sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    public AuditActor Actor =>
        accessor.HttpContext?.User is { } user && Callers.IdOf(user) is { } caller
            ? caller == Callers.Operator
                ? new AuditActor("operator", user.FindFirst(OperatorVerifier.NameClaim)!.Value)
                : new AuditActor("tenant_key", caller["key:".Length..])
            : new AuditActor("system", HostIdentity.Name);
}
