using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using QiIngest.Api;
using QiIngest.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddQiIngestStorage(builder.Configuration).AddQiIngestApi(builder.Configuration);
builder.Build().Run();
