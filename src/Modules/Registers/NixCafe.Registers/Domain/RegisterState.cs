namespace NixCafe.Registers.Domain;

/// <summary>A register as it stood right after a change.</summary>
internal sealed record RegisterState(Guid Id, Guid TenantId, Guid? ShopId, string Name, string? Prefix, bool IsActive);
