namespace NixCafe.OdooSync;

/// <summary>The body of the operator's PUT of a tenant's Odoo connection.</summary>
public sealed record OdooConnectionRequest(string? BaseUrl, string? Database, string? Login, string? ApiKey, string? Transport = null, bool? ReplaceOdoo = null);
