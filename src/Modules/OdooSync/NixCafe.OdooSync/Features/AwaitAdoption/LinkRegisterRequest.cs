namespace NixCafe.OdooSync.Features.AwaitAdoption;

/// <summary>The body of a link: the id of the <c>pos.config</c> in the tenant's Odoo that the register is.</summary>
public sealed record LinkRegisterRequest(int? OdooPosConfigId);
