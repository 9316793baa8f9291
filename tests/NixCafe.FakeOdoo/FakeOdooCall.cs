using System.Text.Json.Nodes;

namespace NixCafe.FakeOdoo;

/// <summary>One call the fake received: which service/method, which model method, and from which host.</summary>
public sealed record FakeOdooCall(string Service, string Method, string? Model, string? ModelMethod, JsonArray Args, string? Caller, DateTimeOffset At);
