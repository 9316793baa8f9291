using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.IntegrationTests.Support;

namespace NixCafe.IntegrationTests.Foundation;

/// <summary>The host with <see cref="ContextLeaseWitness"/> registered, for the tests of the context pool.</summary>
public sealed class ContextLeaseFixture : CafeAppFixture
{
    protected override void Customise(WebApplicationBuilder builder) => builder.Services.AddScoped<ContextLeaseWitness>();
}
