using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>A call as a transport read it: what to record, how to carry it out, and (over /jsonrpc) the id its reply echoes.</summary>
internal sealed record FakeRequest(FakeOdooCall Call, Func<JsonNode?> CarryOut, JsonNode? RpcId = null);
