using System.Collections.Concurrent;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// A host's <see cref="OdooServerProfile"/>s, by <see cref="OdooConnectionSettings.CacheKey"/>.
/// Forgotten when the connection is tested, and when a reply says the server may have changed
/// (a tenant upgraded its Odoo), so that the version, transport and fields are asked again.
/// </summary>
internal sealed class OdooServerProfiles
{
    private readonly ConcurrentDictionary<string, OdooServerProfile> _profiles = new();

    public OdooServerProfile Get(string key) => _profiles.GetValueOrDefault(key) ?? new OdooServerProfile();

    public void Update(string key, Func<OdooServerProfile, OdooServerProfile> change) =>
        _profiles.AddOrUpdate(key, _ => change(new OdooServerProfile()), (_, known) => change(known));

    public void Forget(string key) => _profiles.TryRemove(key, out _);
}
