using System.CommandLine;
using NixCafe.Host;

// On SIGINT or SIGTERM, System.CommandLine returns from Main after its termination timeout (2 s
// by default) even when the verb has not finished: `serve` would end before it stops its embedded
// PostgreSQL. Give the verbs longer than the host's 30 s shutdown timeout.
return await CafeCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(40) });
