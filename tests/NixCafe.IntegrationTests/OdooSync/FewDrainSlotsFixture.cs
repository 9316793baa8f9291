using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>
/// The host with two drain slots, and an Odoo server cap above them, so that the slots and not
/// the server's cap are what bounds the calls the fake Odoo receives at once.
/// </summary>
public sealed class FewDrainSlotsFixture : OdooSyncFixture
{
    public const int DrainSlots = 2;

    protected override IEnumerable<string> Settings => [$"--NixCafe:OdooSync:MaxConcurrentDrains={DrainSlots}", "--NixCafe:OdooSync:MaxCallsPerOdooServer=8"];
}
