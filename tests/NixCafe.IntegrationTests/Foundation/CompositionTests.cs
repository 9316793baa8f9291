using MediatR;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.IntegrationTests.Support;
using NixCafe.Shared.Domain;

namespace NixCafe.IntegrationTests.Foundation;

public sealed class CompositionTests(CafeAppFixture app) : IClassFixture<CafeAppFixture>
{
    [Fact]
    public async Task Each_event_handler_is_registered_exactly_once_in_the_built_host()
    {
        var eventTypes = AppDomain.CurrentDomain.GetAssemblies()
            .Where(assembly => assembly.GetName().Name!.StartsWith("NixCafe.", StringComparison.Ordinal))
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => !type.IsAbstract && !type.IsInterface && (typeof(IDomainEvent).IsAssignableFrom(type) || typeof(IIntegrationEvent).IsAssignableFrom(type)))
            .ToList();
        Assert.True(eventTypes.Count >= 10);

        await using var scope = app.App.Services.CreateAsyncScope();
        foreach (var eventType in eventTypes)
        {
            var handlers = scope.ServiceProvider.GetServices(typeof(INotificationHandler<>).MakeGenericType(eventType)).Select(handler => handler!.GetType()).ToList();
            Assert.True(handlers.Count == handlers.Distinct().Count(), $"{eventType.Name} has a handler registered twice: {string.Join(", ", handlers.Select(h => h.Name))}");
        }
    }
}
