using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using QiIngest.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddQiIngestStorage(builder.Configuration);
builder.Build().Run();
