using NixCafe.OdooSync.Odoo;

namespace NixCafe.OdooSync.Features.DrainPosConfigQueue;

/// <summary>A failure a human must fix on the tenant's Odoo side: the drain stops, spending no register's retry.</summary>
internal sealed class TenantUnreachableException(OdooException cause) : Exception(cause.Message)
{
    public OdooException Cause { get; } = cause;
}
