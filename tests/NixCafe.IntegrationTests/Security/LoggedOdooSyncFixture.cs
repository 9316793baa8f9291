using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Security;

/// <summary>The host logging everything, Debug and Trace included, into memory.</summary>
public sealed class LoggedOdooSyncFixture : OdooSyncFixture
{
    public FakeLogCollector Logs => App.Services.GetFakeLogCollector();

    protected override void Customise(WebApplicationBuilder builder)
    {
        base.Customise(builder);
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter(_ => true);
        builder.Logging.AddFakeLogging();
    }
}
