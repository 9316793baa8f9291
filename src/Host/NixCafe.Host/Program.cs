using NixCafe.Host;

return await CafeCli.Build().Parse(args).InvokeAsync();
