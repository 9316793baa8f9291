using Microsoft.Extensions.Configuration;

namespace NixCafe.BrowserTests.Support;

/// <summary>
/// Settings a test changes while the host runs, the way an operator's edited and reloaded
/// configuration would: each change raises the configuration's reload token, so the host's options
/// monitors read the new value at once. (Setting a key through the configuration's indexer raises
/// nothing, and only a per-scope options snapshot would see it.)
/// </summary>
public sealed class ChangingSettings : ConfigurationProvider, IConfigurationSource
{
    public IConfigurationProvider Build(IConfigurationBuilder builder) => this;

    public void Change(string key, string value)
    {
        Set(key, value);
        OnReload();
    }
}
