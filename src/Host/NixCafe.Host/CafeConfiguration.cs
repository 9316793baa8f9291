namespace NixCafe.Host;

/// <summary>The same configuration sources ASP.NET Core reads, for the verbs that run without a web host.</summary>
internal static class CafeConfiguration
{
    public static IConfiguration Load(string[]? args = null) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args ?? [])
        .Build();
}
