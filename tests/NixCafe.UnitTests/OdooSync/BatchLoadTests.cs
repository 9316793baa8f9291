using System.Text.Json.Nodes;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>Odoo's load is all-or-nothing: how one bad row is kept from holding the others back.</summary>
public sealed class BatchLoadTests
{
    private static readonly JsonArray Columns = new("id", "name");

    /// <summary>A scripted Odoo: each call answers the next reply (or throws it), and remembers the rows it was sent.</summary>
    private sealed class ScriptedOdoo(params object[] replies) : IOdooClient
    {
        private readonly Queue<object> _replies = new(replies);

        public List<string> Sent { get; } = [];

        public Task<OdooServerInfo> FindServerAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task AuthenticateAsync(CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<JsonNode?> CallAsync(OdooCall call, CancellationToken cancellationToken)
        {
            var rows = (JsonArray)call.Positional.Single(argument => argument.Key == "data").Value!;
            Sent.Add(string.Join('+', rows.Select(row => row![1]!.GetValue<string>())));
            return _replies.Dequeue() switch
            {
                OdooException failure => throw failure,
                string json => Task.FromResult(JsonNode.Parse(json)),
                var other => throw new InvalidOperationException($"{other}"),
            };
        }
    }

    private static async Task<(List<(string Row, int OdooId)> Taken, List<string> Failed)> LoadAsync(ScriptedOdoo odoo, params string[] names)
    {
        var (taken, failed, _) = await LoadWithReasonsAsync(odoo, names);
        return (taken, failed);
    }

    private static async Task<(List<(string Row, int OdooId)> Taken, List<string> Failed, List<string> Reasons)> LoadWithReasonsAsync(ScriptedOdoo odoo, params string[] names)
    {
        var failed = new List<string>();
        var reasons = new List<string>();
        var load = new BatchLoad<string>(odoo, rows => Task.FromResult(rows), (rows, failure) =>
        {
            failed.AddRange(rows.Select(row => $"{row}: {failure.Kind}"));
            reasons.AddRange(rows.Select(row => $"{row}: {failure.Reason}"));
            return Task.CompletedTask;
        });
        var taken = await load.LoadAsync("pos.config", Columns, names.Select(name => (name, new JsonArray($"x.{name}", name))).ToList(), CancellationToken.None);
        return (taken, failed, reasons);
    }

    [Fact]
    public async Task A_batch_Odoo_takes_whole_costs_one_call()
    {
        var odoo = new ScriptedOdoo("""{"ids": [1, 2], "messages": []}""");

        var (taken, failed) = await LoadAsync(odoo, "A", "B");

        Assert.Equal([("A", 1), ("B", 2)], taken);
        Assert.Empty(failed);
        Assert.Equal(["A+B"], odoo.Sent);
    }

    [Fact]
    public async Task A_row_Odoo_names_gets_its_failure_and_the_others_are_sent_once_more_without_it()
    {
        var odoo = new ScriptedOdoo(
            """{"ids": false, "messages": [{"record": 1, "field": "name", "message": "taken"}]}""",
            """{"ids": [1, 3], "messages": []}""");

        var (taken, failed) = await LoadAsync(odoo, "A", "B", "C");

        Assert.Equal([("A", 1), ("C", 3)], taken);
        Assert.Equal(["B: Record"], failed);
        Assert.Equal(["A+B+C", "A+C"], odoo.Sent);
    }

    [Fact]
    public async Task A_batch_refused_as_a_whole_falls_back_to_one_row_per_call()
    {
        var odoo = new ScriptedOdoo(
            new OdooException(OdooErrorKind.Record, "odoo.exceptions.ValidationError", "somewhere in the batch"),
            """{"ids": [1], "messages": []}""",
            """{"ids": false, "messages": [{"message": "this one"}]}""");

        var (taken, failed) = await LoadAsync(odoo, "A", "B");

        Assert.Equal([("A", 1)], taken);
        Assert.Equal(["B: Record"], failed);
        Assert.Equal(["A+B", "A", "B"], odoo.Sent);
    }

    [Fact]
    public async Task A_transport_failure_fails_every_row_in_one_call()
    {
        var odoo = new ScriptedOdoo(new OdooException(OdooErrorKind.Transient, "HTTP 502", "Odoo is unavailable"));

        var (taken, failed) = await LoadAsync(odoo, "A", "B");

        Assert.Empty(taken);
        Assert.Equal(["A: Transient", "B: Transient"], failed);
        Assert.Equal(["A+B"], odoo.Sent);
    }

    [Fact]
    public async Task A_serialization_conflict_that_names_no_row_fails_the_batch_for_a_retry_rather_than_going_row_by_row()
    {
        var odoo = new ScriptedOdoo("""{"ids": false, "messages": [{"message": "could not serialize access due to concurrent update"}]}""");

        var (taken, failed) = await LoadAsync(odoo, "A", "B");

        Assert.Empty(taken);
        Assert.Equal(["A: Transient", "B: Transient"], failed);
        Assert.Equal(["A+B"], odoo.Sent);
    }

    [Fact]
    public async Task A_refused_row_takes_the_first_message_that_names_it_and_messages_naming_rows_not_sent_are_ignored()
    {
        var odoo = new ScriptedOdoo(
            """
            {"ids": false, "messages": [
              {"type": "error", "record": 1, "field": "name", "message": "The name is taken"},
              {"type": "error", "record": 1, "field": "active", "message": "second message of the same row"},
              {"type": "error", "record": 7, "message": "a row that was not sent"}]}
            """,
            """{"ids": [1], "messages": []}""");

        var (taken, _, reasons) = await LoadWithReasonsAsync(odoo, "A", "B");

        Assert.Equal([("A", 1)], taken);
        Assert.Equal(["B: load(name): The name is taken"], reasons);
        Assert.Equal(["A+B", "A"], odoo.Sent);
    }

    [Fact]
    public async Task A_load_that_wrote_nothing_and_said_nothing_is_the_rows_fault()
    {
        var odoo = new ScriptedOdoo("""{"ids": [], "messages": []}""");

        var (taken, failed, reasons) = await LoadWithReasonsAsync(odoo, "A");

        Assert.Empty(taken);
        Assert.Equal(["A: Record"], failed);
        Assert.Equal(["A: load: Odoo's load wrote nothing and said nothing"], reasons);
    }
}
