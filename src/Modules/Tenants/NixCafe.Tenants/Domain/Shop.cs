using NixCafe.Shared.Domain;

namespace NixCafe.Tenants.Domain;

internal sealed class Shop : ITenantOwned
{
    private Shop()
    {
    }

    public Guid Id { get; private set; }

    public Guid TenantId { get; private set; }

    public string Name { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public static Shop Create(Guid tenantId, string name, TimeProvider clock) => new()
    {
        Id = Guid.CreateVersion7(),
        TenantId = tenantId,
        Name = name.Trim(),
        CreatedAt = clock.GetUtcNow(),
    };
}
