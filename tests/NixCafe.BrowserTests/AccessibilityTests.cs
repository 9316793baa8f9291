using System.Text.Json;
using Microsoft.Playwright;
using NixCafe.BrowserTests.Support;

namespace NixCafe.BrowserTests;

/// <summary>What a screen reader gets: Chromium's own accessibility tree, read through the DevTools protocol.</summary>
public sealed class AccessibilityTests(BrowserFixture host) : BrowserTest(host)
{
    private static readonly string[] TableRoles = ["columnheader", "rowheader", "cell"];

    [Fact]
    public async Task At_phone_width_the_register_list_is_read_as_the_same_table_as_on_a_desktop()
    {
        var tenant = await Host.CreateTenantAsync("Corner Cafe");
        await Host.CreateRegisterAsync(tenant, "Front", "FRONT");
        string[] table =
        [
            "columnheader Name", "columnheader Prefix", "columnheader State", "columnheader Next order", "columnheader Odoo sync", "columnheader Actions",
            "rowheader Front", "cell FRONT", "cell active", "cell FRONT-001", "cell no Odoo", "cell Edit Front Deactivate Front",
        ];

        await RegistersPage.SignInAsync(Page, tenant.Key);
        Assert.Equal(table, await TableAsReadAsync(Page));

        var phone = await Host.NewPageAsync(width: 375, height: 812);
        try
        {
            await RegistersPage.SignInAsync(phone, tenant.Key);
            Assert.Equal(table, await TableAsReadAsync(phone));
            // Safari drops the table semantics of a display:block table unless its parts say their roles.
            Assert.Equal(0, await phone.Locator("#registers, #registers :is(thead, tbody, tr, th, td)").EvaluateAllAsync<int>(
                "parts => parts.filter((part) => !part.hasAttribute('role')).length"));
        }
        finally
        {
            await phone.Context.CloseAsync();
        }
    }

    /// <summary>The headers and cells of the register table, in reading order, each with the name a screen reader says.</summary>
    private static async Task<List<string>> TableAsReadAsync(IPage page)
    {
        var cdp = await page.Context.NewCDPSessionAsync(page);
        // Chromium lists some inline text boxes twice under one id; they are never table parts.
        var nodes = (await cdp.SendAsync("Accessibility.getFullAXTree"))!.Value.GetProperty("nodes").EnumerateArray()
            .DistinctBy(node => node.GetProperty("nodeId").GetString())
            .ToDictionary(node => node.GetProperty("nodeId").GetString()!);
        var read = new List<string>();
        Walk(nodes.Values.Single(node => Role(node) == "table" && !node.GetProperty("ignored").GetBoolean()));
        return read;

        void Walk(JsonElement node)
        {
            if (!node.GetProperty("ignored").GetBoolean() && TableRoles.Contains(Role(node)))
            {
                read.Add($"{Role(node)} {node.GetProperty("name").GetProperty("value").GetString()}");
            }

            foreach (var child in node.TryGetProperty("childIds", out var ids) ? ids.EnumerateArray() : default)
            {
                Walk(nodes[child.GetString()!]);
            }
        }

        static string? Role(JsonElement node) => node.GetProperty("role").GetProperty("value").GetString();
    }
}
