using System.Reflection;
using Xunit.Sdk;

namespace NixCafe.IntegrationTests.Support;

/// <summary>
/// Runs a connector test against the oldest and the newest Odoo supported: 16 (/jsonrpc, a shared
/// cash method allowed) and 19 (/json/2, one cash method per point of sale).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OdooVersionsAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => [[16], [19]];
}
