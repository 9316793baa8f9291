using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Contracts;

namespace NixCafe.IntegrationTests.OdooSync;

/// <summary>The host with <see cref="HeldCreateHandler"/>, which a test can arm to hold a create's transaction open.</summary>
public sealed class HeldCreateFixture : CafeAppFixture
{
    public HeldCreateHandler.Gate Gate { get; } = new();

    // The tests park a plan change on the held create's lock for as long as they need.
    protected override IEnumerable<string> Settings => ["--NixCafe:Database:LockTimeout=00:00:00"];

    protected override void Customise(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(Gate);
        builder.Services.AddScoped<INotificationHandler<RegisterCreatedIntegrationEvent>, HeldCreateHandler>();
    }
}
