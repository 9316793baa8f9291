using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>The host with the "awaiting adoption" hold turned on.</summary>
public sealed class AdoptionFixture : OdooSyncFixture
{
    protected override IEnumerable<string> Settings => ["--NixCafe:OdooSync:HoldCreatesForAdoption=true"];
}
