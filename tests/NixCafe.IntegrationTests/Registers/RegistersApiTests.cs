using System.Net;
using System.Net.Http.Json;
using NixCafe.IntegrationTests.Support;
using NixCafe.Registers.Features.ListRegisters;

namespace NixCafe.IntegrationTests.Registers;

public sealed class RegistersApiTests(CafeAppFixture app) : IClassFixture<CafeAppFixture>, IAsyncLifetime
{
    private const string Registers = "/api/cafe/settings/registers";

    public Task InitializeAsync() => app.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<RegisterResponse> CreateAsync(TestTenant tenant, string name, string? prefix = null, Guid? shopId = null) =>
        await (await tenant.Client.PostAsJsonAsync(Registers, new { shopId = shopId ?? tenant.ShopId, name, prefix }))
            .ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);

    private Task<Dictionary<string, object?>> RowAsync(Guid registerId) =>
        TestPostgres.QueryAsync(app.ConnectionString, $"SELECT name, sequence_prefix, is_active, shop_id, tenant_id, updated_at FROM cafe.pos_configs WHERE id = '{registerId}'")
            .ContinueWith(rows => Assert.Single(rows.Result));

    [Fact]
    public async Task Create_answers_201_with_a_location_that_reads_back_the_stored_register()
    {
        var tenant = await app.CreateTenantAsync();

        var response = await tenant.Client.PostAsJsonAsync(Registers, new { shopId = tenant.ShopId, name = "  Front  ", prefix = "front" });

        var created = await response.ReadOkAsync<RegisterResponse>(HttpStatusCode.Created);
        Assert.Equal($"{Registers}/{created.Id}", response.Headers.Location?.ToString());
        Assert.Equal("Front", created.Name);
        Assert.Equal("FRONT", created.Prefix);
        Assert.True(created.Active);
        Assert.Equal("FRONT-001", created.NextOrderNumber);
        var read = await (await tenant.Client.GetAsync(response.Headers.Location)).ReadOkAsync<RegisterResponse>();
        Assert.Equal(created, read);
        var row = await RowAsync(created.Id);
        Assert.Equal("Front", row["name"]);
        Assert.Equal("FRONT", row["sequence_prefix"]);
        Assert.Equal(tenant.ShopId, row["shop_id"]);
        Assert.Equal(tenant.Id, row["tenant_id"]);
    }

    [Theory]
    [InlineData("", "name", "must not be empty")]
    [InlineData("   ", "name", "must not be empty")]
    [InlineData(null, "name", "is required")]
    [InlineData("Tab\there", "name", "control or invisible")]
    [InlineData("Zero\u200Bwidth", "name", "control or invisible")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345", "name", "at most 64")]
    public async Task Create_rejects_a_bad_name_with_400_naming_the_field_and_stores_nothing(string? name, string field, string reason)
    {
        var tenant = await app.CreateTenantAsync();
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);

        var response = await tenant.Client.PostAsJsonAsync(Registers, new { shopId = tenant.ShopId, name });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.FieldErrors(field), message => message.Contains(reason));
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
    }

    [Theory]
    [InlineData("TOOLONGPX")]
    [InlineData("A-B")]
    [InlineData("ÄBC")]
    public async Task Create_rejects_a_bad_prefix_with_400(string prefix)
    {
        var tenant = await app.CreateTenantAsync();
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);

        var response = await tenant.Client.PostAsJsonAsync(Registers, new { shopId = tenant.ShopId, name = "Front", prefix });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["The prefix must be 1 to 8 letters A–Z or digits 0–9."], problem.FieldErrors("prefix"));
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task Create_rejects_a_name_the_shop_already_has_ignoring_case_with_409()
    {
        var tenant = await app.CreateTenantAsync();
        await CreateAsync(tenant, "Front", "FR");
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);

        var sameName = await tenant.Client.PostAsJsonAsync(Registers, new { shopId = tenant.ShopId, name = "FRONT" });
        var samePrefix = await tenant.Client.PostAsJsonAsync(Registers, new { shopId = tenant.ShopId, name = "Drive", prefix = "fr" });

        var nameProblem = await sameName.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("RegisterNameMustBeUniqueInShop", nameProblem.GetProperty("rule").GetString());
        Assert.NotEmpty(nameProblem.FieldErrors("name"));
        var prefixProblem = await samePrefix.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("SequencePrefixMustBeUniqueInShop", prefixProblem.GetProperty("rule").GetString());
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task The_same_name_is_fine_in_another_shop_and_names_that_look_alike_in_nfc_collide()
    {
        var tenant = await app.CreateTenantAsync();
        var otherShop = await app.SendAsync(new NixCafe.Tenants.Features.AddShop.AddShopCommand(tenant.Id, "Harbour"));
        await CreateAsync(tenant, "Caf\u00E9");

        await CreateAsync(tenant, "Caf\u00E9", shopId: otherShop);
        var decomposed = await tenant.Client.PostAsJsonAsync(Registers, new { shopId = tenant.ShopId, name = "Cafe\u0301" });

        await decomposed.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Create_in_another_tenants_shop_answers_404_as_if_the_shop_did_not_exist()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync(name: "Other");
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);

        var foreign = await tenant.Client.PostAsJsonAsync(Registers, new { shopId = other.ShopId, name = "Front" });
        var missing = await tenant.Client.PostAsJsonAsync(Registers, new { shopId = Guid.NewGuid(), name = "Front" });

        var foreignProblem = await foreign.AssertProblemAsync(HttpStatusCode.NotFound);
        var missingProblem = await missing.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(missingProblem.GetProperty("detail").GetString(), foreignProblem.GetProperty("detail").GetString());
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task Unreadable_bodies_answer_400_with_the_reason()
    {
        var tenant = await app.CreateTenantAsync();

        var truncated = await tenant.Client.PostAsync(Registers, new StringContent("{\"name\":", System.Text.Encoding.UTF8, "application/json"));
        var wrongType = await tenant.Client.PostAsync(Registers, new StringContent("{\"shopId\":\"" + tenant.ShopId + "\",\"name\":5}", System.Text.Encoding.UTF8, "application/json"));
        var missingShop = await tenant.Client.PostAsJsonAsync(Registers, new { name = "Front" });

        Assert.Contains("not valid JSON", (await truncated.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Contains("$.name", (await wrongType.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("detail").GetString());
        Assert.Equal(["The shop is required."], (await missingShop.AssertProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("shopId"));
    }

    [Fact]
    public async Task Rename_changes_the_name_and_a_clash_is_refused_without_changing_anything()
    {
        var tenant = await app.CreateTenantAsync();
        var front = await CreateAsync(tenant, "Front");
        await CreateAsync(tenant, "Drive");

        var renamed = await (await tenant.Client.PutAsJsonAsync($"{Registers}/{front.Id}/name", new { name = "Counter" })).ReadOkAsync<RegisterResponse>();
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);
        var clash = await tenant.Client.PutAsJsonAsync($"{Registers}/{front.Id}/name", new { name = "drive" });
        var empty = await tenant.Client.PutAsJsonAsync($"{Registers}/{front.Id}/name", new { name = "" });

        Assert.Equal("Counter", renamed.Name);
        await clash.AssertProblemAsync(HttpStatusCode.Conflict);
        await empty.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
        Assert.Equal("Counter", (await RowAsync(front.Id))["name"]);
    }

    [Fact]
    public async Task A_change_that_changes_nothing_writes_nothing()
    {
        var tenant = await app.CreateTenantAsync();
        var front = await CreateAsync(tenant, "Front", "FR");
        await tenant.Client.PostAsync($"{Registers}/{front.Id}/deactivate", null);
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);

        (await tenant.Client.PutAsJsonAsync($"{Registers}/{front.Id}/name", new { name = " Front " })).EnsureSuccessStatusCode();
        (await tenant.Client.PutAsJsonAsync($"{Registers}/{front.Id}/prefix", new { prefix = "fr" })).EnsureSuccessStatusCode();
        (await tenant.Client.PostAsync($"{Registers}/{front.Id}/deactivate", null)).EnsureSuccessStatusCode();

        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task An_inactive_register_can_be_renamed_and_reactivated()
    {
        var tenant = await app.CreateTenantAsync();
        var front = await CreateAsync(tenant, "Front");

        var deactivated = await (await tenant.Client.PostAsync($"{Registers}/{front.Id}/deactivate", null)).ReadOkAsync<RegisterResponse>();
        var renamed = await (await tenant.Client.PutAsJsonAsync($"{Registers}/{front.Id}/name", new { name = "Old front" })).ReadOkAsync<RegisterResponse>();
        var reactivated = await (await tenant.Client.PostAsync($"{Registers}/{front.Id}/reactivate", null)).ReadOkAsync<RegisterResponse>();

        Assert.False(deactivated.Active);
        Assert.False(renamed.Active);
        Assert.Equal("Old front", renamed.Name);
        Assert.True(reactivated.Active);
        Assert.Equal(true, (await RowAsync(front.Id))["is_active"]);
    }

    [Fact]
    public async Task The_prefix_can_be_set_changed_and_cleared_and_a_taken_prefix_is_refused()
    {
        var tenant = await app.CreateTenantAsync();
        var front = await CreateAsync(tenant, "Front");
        await CreateAsync(tenant, "Drive", "DRV");

        var set = await (await tenant.Client.PutAsJsonAsync($"{Registers}/{front.Id}/prefix", new { prefix = "fr1" })).ReadOkAsync<RegisterResponse>();
        var taken = await tenant.Client.PutAsJsonAsync($"{Registers}/{front.Id}/prefix", new { prefix = "DRV" });
        var cleared = await (await tenant.Client.PutAsJsonAsync($"{Registers}/{front.Id}/prefix", new { prefix = (string?)null })).ReadOkAsync<RegisterResponse>();

        Assert.Equal("FR1", set.Prefix);
        Assert.Equal("FR1-001", set.NextOrderNumber);
        await taken.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.Null(cleared.Prefix);
        Assert.Equal("001", cleared.NextOrderNumber);
        Assert.Null((await RowAsync(front.Id))["sequence_prefix"]);
    }

    [Fact]
    public async Task The_list_holds_only_the_tenants_registers_and_filters_by_shop()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync(name: "Other");
        var harbour = await app.SendAsync(new NixCafe.Tenants.Features.AddShop.AddShopCommand(tenant.Id, "Harbour"));
        await CreateAsync(tenant, "Front");
        await CreateAsync(tenant, "Boat", shopId: harbour);
        await CreateAsync(other, "Theirs");

        var all = await (await tenant.Client.GetAsync(Registers)).ReadOkAsync<List<RegisterResponse>>();
        var ofHarbour = await (await tenant.Client.GetAsync($"{Registers}?shopId={harbour}")).ReadOkAsync<List<RegisterResponse>>();
        var ofOthersShop = await (await tenant.Client.GetAsync($"{Registers}?shopId={other.ShopId}")).ReadOkAsync<List<RegisterResponse>>();

        Assert.Equal(["Boat", "Front"], all.Select(register => register.Name));
        Assert.Equal(["Boat"], ofHarbour.Select(register => register.Name));
        Assert.Empty(ofOthersShop);
    }

    [Fact]
    public async Task Another_tenants_register_answers_404_to_every_verb_and_stays_as_it_was()
    {
        var tenant = await app.CreateTenantAsync();
        var other = await app.CreateTenantAsync(name: "Other");
        var theirs = await CreateAsync(other, "Theirs", "TH");
        var before = await DatabaseChecksum.OfAsync(app.ConnectionString);

        HttpResponseMessage[] responses =
        [
            await tenant.Client.GetAsync($"{Registers}/{theirs.Id}"),
            await tenant.Client.PutAsJsonAsync($"{Registers}/{theirs.Id}/name", new { name = "Mine" }),
            await tenant.Client.PutAsJsonAsync($"{Registers}/{theirs.Id}/prefix", new { prefix = "MINE" }),
            await tenant.Client.PostAsync($"{Registers}/{theirs.Id}/deactivate", null),
            await tenant.Client.PostAsync($"{Registers}/{theirs.Id}/reactivate", null),
            await tenant.Client.PostAsync($"{Registers}/{theirs.Id}/order-numbers", null),
        ];

        foreach (var response in responses)
        {
            await response.AssertProblemAsync(HttpStatusCode.NotFound);
        }

        Assert.Equal(before, await DatabaseChecksum.OfAsync(app.ConnectionString));
    }

    [Fact]
    public async Task Shops_are_listed_for_the_tenant_only()
    {
        var tenant = await app.CreateTenantAsync();
        await app.CreateTenantAsync(name: "Other");

        var shops = await (await tenant.Client.GetAsync("/api/cafe/settings/shops")).ReadOkAsync<List<NixCafe.Tenants.Features.ListShops.ShopResponse>>();

        Assert.Equal([tenant.ShopId], shops.Select(shop => shop.Id));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_registers_api()
    {
        var document = await app.Anonymous().GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/cafe/settings/registers/{registerId}/name\"", document);
        Assert.Contains("\"/api/cafe/settings/shops\"", document);
    }
}
