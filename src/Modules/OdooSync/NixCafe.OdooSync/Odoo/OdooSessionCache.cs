using System.Collections.Concurrent;

namespace NixCafe.OdooSync.Odoo;

/// <summary>
/// Logged-in /jsonrpc uids by connection. Odoo's login costs 0.5–1 s of password hashing, so a
/// host logs in once per connection settings and reuses the uid until Odoo answers AccessDenied.
/// </summary>
internal sealed class OdooSessionCache
{
    private readonly ConcurrentDictionary<string, int> _uids = new();

    public bool TryGet(string key, out int uid) => _uids.TryGetValue(key, out uid);

    public void Set(string key, int uid) => _uids[key] = uid;

    public void Forget(string key) => _uids.TryRemove(key, out _);
}
