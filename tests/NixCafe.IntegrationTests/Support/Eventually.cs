namespace NixCafe.IntegrationTests.Support;

/// <summary>A wait for something the test cannot await (a call reaching the fake Odoo, an answer a load worker records), polled.</summary>
public static class Eventually
{
    /// <summary>Fails the test with "<paramref name="what"/> did not happen within 30 s" if the condition never holds.</summary>
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within 30 s");
            await Task.Delay(20);
        }
    }
}
