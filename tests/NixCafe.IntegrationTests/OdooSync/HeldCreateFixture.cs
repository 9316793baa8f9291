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

    protected override void Customise(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(Gate);
        builder.Services.AddScoped<INotificationHandler<RegisterCreatedIntegrationEvent>, HeldCreateHandler>();
    }
}
