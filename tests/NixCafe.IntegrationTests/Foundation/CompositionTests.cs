using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.IntegrationTests.Support;
using NixCafe.Shared.Domain;

namespace NixCafe.IntegrationTests.Foundation;

public sealed class CompositionTests(CafeAppFixture app) : IClassFixture<CafeAppFixture>
{
    /// <summary>The product's assemblies: the handlers a host must run are the ones declared there.</summary>
    private static readonly Assembly[] Product =
    [
        .. new[] { "NixCafe.Shared", "NixCafe.Tenants.Contracts", "NixCafe.Tenants", "NixCafe.Registers.Contracts", "NixCafe.Registers", "NixCafe.OdooSync", "NixCafe.Host" }
            .Select(name => Assembly.Load(name)),
    ];

    /// <summary>
    /// Each event's handlers in the built host are exactly the handlers the product declares for
    /// it, each once: a handler registered twice would run twice (an audit entry or a queued push
    /// doubled), and one not registered would never run, which a check of duplicates alone passes.
    /// </summary>
    [Fact]
    public async Task Each_event_handler_is_registered_exactly_once_in_the_built_host()
    {
        var types = Product.SelectMany(assembly => assembly.GetTypes()).ToList();
        var eventTypes = types
            .Where(type => !type.IsAbstract && !type.IsInterface && (typeof(IDomainEvent).IsAssignableFrom(type) || typeof(IIntegrationEvent).IsAssignableFrom(type)))
            .ToList();
        Assert.True(eventTypes.Count >= 10);

        await using var scope = app.App.Services.CreateAsyncScope();
        var pairs = 0;
        foreach (var eventType in eventTypes)
        {
            var handlerInterface = typeof(INotificationHandler<>).MakeGenericType(eventType);
            var expected = types.Where(type => !type.IsAbstract && !type.IsInterface && type.GetInterfaces().Contains(handlerInterface))
                .Select(type => type.FullName!).Order(StringComparer.Ordinal).ToList();
            var registered = scope.ServiceProvider.GetServices(handlerInterface)
                .Select(handler => handler!.GetType().FullName!).Order(StringComparer.Ordinal).ToList();

            Assert.True(expected.SequenceEqual(registered),
                $"{eventType.Name}: expected each of [{string.Join(", ", expected)}] once, the host has [{string.Join(", ", registered)}]");
            if (typeof(IDomainEvent).IsAssignableFrom(eventType))
            {
                // A domain event that nothing handles is raised for nothing: at least its audit or its publication runs.
                Assert.True(expected.Count > 0, $"{eventType.Name} has no handler");
            }

            pairs += registered.Count;
        }

        // What the modules promise each other: Registers audits and publishes its changes, OdooSync queues them.
        Assert.True(pairs >= 15, $"only {pairs} event handlers are registered");
        string[] tracked = ["RegisterCreatedIntegrationEvent", "RegisterRenamedIntegrationEvent", "RegisterDeactivatedIntegrationEvent", "RegisterReactivatedIntegrationEvent"];
        foreach (var name in tracked)
        {
            var eventType = eventTypes.Single(type => type.Name == name);
            var handlers = scope.ServiceProvider.GetServices(typeof(INotificationHandler<>).MakeGenericType(eventType)).Select(handler => handler!.GetType().Assembly.GetName().Name);
            Assert.Contains("NixCafe.OdooSync", handlers);
        }
    }
}
