using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.ListRegisters;
using NixCafe.Tenants.Features.ListAuditEntries;

namespace NixCafe.IntegrationTests.Security;

public sealed class AuditTests(OdooSyncFixture app) : IClassFixture<OdooSyncFixture>, IAsyncLifetime
{
    private const string OdooKey = "odoo-key-AUDIT-9b2e";

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<AuditPage> AuditAsync(Guid tenantId, string query = "") =>
        await (await app.Operator().GetAsync($"/api/operator/tenants/{tenantId}/audit{query}")).ReadOkAsync<AuditPage>();

    [Fact]
    public async Task Every_register_and_connection_change_is_listed_with_who_what_before_and_after()
    {
        var tenant = await app.CreateTenantAsync("pro");
        var other = await app.CreateTenantAsync("pro", "Other");
        await app.ConnectAsync(tenant.Id, "https://odoo.cafe.example/", "prod", OdooKey);
        var api = "/api/cafe/settings/registers";
        var front = await (await tenant.Client.PostAsJsonAsync(api, new { shopId = tenant.ShopId, name = "Front", prefix = "FR" })).ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);
        await tenant.Client.PutAsJsonAsync($"{api}/{front.Id}/name", new { name = "Counter" });
        await tenant.Client.PutAsJsonAsync($"{api}/{front.Id}/name", new { name = "Counter" });
        await tenant.Client.PutAsJsonAsync($"{api}/{front.Id}/prefix", new { prefix = (string?)null });
        await tenant.Client.PostAsync($"{api}/{front.Id}/deactivate", null);
        await tenant.Client.PostAsync($"{api}/{front.Id}/reactivate", null);
        await app.Operator().DeleteAsync($"/api/operator/tenants/{tenant.Id}/odoo-connection");
        await other.Client.PostAsJsonAsync(api, new { shopId = other.ShopId, name = "Theirs" });

        var page = await AuditAsync(tenant.Id);

        // Newest first; the rename that changed nothing wrote nothing.
        Assert.Equal(
            ["odoo_connection.disabled", "register.reactivated", "register.deactivated", "register.prefix_changed", "register.renamed", "register.created", "odoo_connection.set"],
            page.Entries.Select(entry => entry.Action));
        Assert.Equal(7, page.Total);
        var key = tenant.KeyId.ToString();
        Assert.All(page.Entries.Where(entry => entry.Action.StartsWith("register.", StringComparison.Ordinal)),
            entry => Assert.Equal(("tenant_key", key, front.Id), (entry.ActorKind, entry.ActorId, entry.SubjectId)));
        Assert.All(page.Entries.Where(entry => entry.Action.StartsWith("odoo_connection.", StringComparison.Ordinal)),
            entry => Assert.Equal(("operator", "operator", tenant.Id), (entry.ActorKind, entry.ActorId, entry.SubjectId)));
        var renamed = page.Entries.Single(entry => entry.Action == "register.renamed");
        Assert.Equal(("Front", "Counter"), (renamed.Before!.Value.GetProperty("name").GetString(), renamed.After!.Value.GetProperty("name").GetString()));
        var created = page.Entries.Single(entry => entry.Action == "register.created");
        Assert.Null(created.Before);
        Assert.Equal("FR", created.After!.Value.GetProperty("prefix").GetString());
        var prefix = page.Entries.Single(entry => entry.Action == "register.prefix_changed");
        Assert.Equal(JsonValueKind.Null, prefix.After!.Value.GetProperty("prefix").ValueKind);
        var disabled = page.Entries.Single(entry => entry.Action == "odoo_connection.disabled");
        Assert.Equal((true, false), (disabled.Before!.Value.GetProperty("enabled").GetBoolean(), disabled.After!.Value.GetProperty("enabled").GetBoolean()));
        Assert.Equal("https://odoo.cafe.example/", disabled.After!.Value.GetProperty("baseUrl").GetString());
        Assert.DoesNotContain(OdooKey, await TestPostgres.ScalarAsync<string>(app.ConnectionString, "SELECT string_agg(coalesce(before::text, '') || after::text, '|') FROM audit.entries"));
        Assert.Single((await AuditAsync(other.Id)).Entries);
    }

    [Fact]
    public async Task The_trail_is_paged_and_an_unknown_tenant_or_a_bad_page_is_refused()
    {
        var tenant = await app.CreateTenantAsync();
        for (var i = 1; i <= 5; i++)
        {
            await tenant.Client.PostAsJsonAsync("/api/cafe/settings/registers", new { shopId = tenant.ShopId, name = $"Till {i}" });
        }

        var second = await AuditAsync(tenant.Id, "?page=2&pageSize=2");
        var unknown = await app.Operator().GetAsync($"/api/operator/tenants/{Guid.NewGuid()}/audit");
        var badPage = await app.Operator().GetAsync($"/api/operator/tenants/{tenant.Id}/audit?page=0&pageSize=1000");
        var byTenant = await tenant.Client.GetAsync($"/api/operator/tenants/{tenant.Id}/audit");

        Assert.Equal((5L, 2), (second.Total, second.Entries.Count));
        Assert.Equal(["Till 3", "Till 2"], second.Entries.Select(entry => entry.After!.Value.GetProperty("name").GetString()));
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound);
        var problem = await badPage.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("page"));
        Assert.NotEmpty(problem.FieldErrors("pageSize"));
        await byTenant.AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
