using System.Text.Json.Nodes;
using NixCafe.OdooSync.Odoo;

namespace NixCafe.UnitTests.OdooSync;

/// <summary>What Odoo's all-or-nothing <c>load</c> answered, row by row.</summary>
public sealed class LoadReplyTests
{
    private static JsonObject Reply(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void A_load_that_took_every_row_gives_one_id_per_row()
    {
        var reply = LoadReply.Read(Reply("""{"ids": [11, 12], "messages": []}"""), 2);

        Assert.Equal([11, 12], reply.Ids);
        Assert.Empty(reply.RefusedRows);
    }

    [Fact]
    public void A_load_that_wrote_nothing_names_the_rows_it_refused_each_with_its_own_reason()
    {
        var reply = LoadReply.Read(Reply("""
            {"ids": false, "messages": [
              {"type": "error", "record": 1, "field": "name", "message": "The name is taken"},
              {"type": "error", "record": 1, "field": "active", "message": "second message of the same row"},
              {"type": "error", "record": 7, "message": "a row that was not sent"}]}
            """), 2);

        Assert.Null(reply.Ids);
        var refused = Assert.Single(reply.RefusedRows);
        Assert.Equal(1, refused.Key);
        Assert.Equal((OdooErrorKind.Record, "load(name): The name is taken"), (refused.Value.Kind, refused.Value.Reason));
    }

    [Fact]
    public void A_serialization_conflict_is_transient()
    {
        var reply = LoadReply.Read(Reply("""{"ids": false, "messages": [{"record": 0, "message": "could not serialize access due to concurrent update"}]}"""), 1);

        Assert.Equal(OdooErrorKind.Transient, reply.RefusedRows[0].Kind);
        Assert.Equal((OdooErrorKind.Transient, "SerializationConflict"), (reply.Failure.Kind, reply.Failure.OdooName));
    }

    [Fact]
    public void A_load_that_wrote_nothing_and_said_nothing_is_the_rows_fault()
    {
        var reply = LoadReply.Read(Reply("""{"ids": [3], "messages": []}"""), 2);

        Assert.Null(reply.Ids);
        Assert.Empty(reply.RefusedRows);
        Assert.Equal((OdooErrorKind.Record, "load: Odoo's load wrote nothing and said nothing"), (reply.Failure.Kind, reply.Failure.Reason));
    }
}
