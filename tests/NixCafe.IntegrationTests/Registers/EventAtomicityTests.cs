using System.Net;
using System.Net.Http.Json;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Contracts;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.Registers;

/// <summary>The host with one more handler of the renamed event, which fails while told to.</summary>
public sealed class FailingRenameHandlerFixture : CafeAppFixture
{
    public FailingRenameHandler.Switch Failures { get; } = new();

    protected override void Customise(WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(Failures);
        builder.Services.AddScoped<INotificationHandler<RegisterRenamedIntegrationEvent>, FailingRenameHandler>();
    }
}

public sealed class FailingRenameHandler(FailingRenameHandler.Switch failures) : INotificationHandler<RegisterRenamedIntegrationEvent>
{
    public sealed class Switch
    {
        public bool On { get; set; }
    }

    public Task Handle(RegisterRenamedIntegrationEvent notification, CancellationToken cancellationToken) =>
        failures.On ? throw new InvalidOperationException("a handler of another module failed") : Task.CompletedTask;
}

public sealed class EventAtomicityTests(FailingRenameHandlerFixture app) : IClassFixture<FailingRenameHandlerFixture>, IAsyncLifetime
{
    public Task InitializeAsync()
    {
        app.Failures.On = false;
        return app.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_renamed_event_handler_that_throws_leaves_the_register_un_renamed()
    {
        var tenant = await app.CreateTenantAsync();
        var front = await (await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = "Front" }))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);

        app.Failures.On = true;
        var failed = await tenant.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{front.Id}/name", new { name = "Counter" });

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.DoesNotContain("another module", await failed.Content.ReadAsStringAsync());
        Assert.Equal("Front", await TestPostgres.ScalarAsync<string>(app.ConnectionString, $"SELECT name FROM cafe.pos_configs WHERE id = '{front.Id}'"));
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
        Assert.Equal(0L, await RenameAuditEntriesAsync());

        app.Failures.On = false;
        var renamed = await (await tenant.Client.PutAsJsonAsync($"/api/cafe/settings/registers/{front.Id}/name", new { name = "Counter" })).ReadOkAsync<RegisterResponse>();
        Assert.Equal("Counter", renamed.Name);
        Assert.Equal(1L, await RenameAuditEntriesAsync());
    }

    private Task<long> RenameAuditEntriesAsync() =>
        TestPostgres.ScalarAsync<long>(app.ConnectionString, "SELECT count(*) FROM audit.entries WHERE action = 'register.renamed'");
}
