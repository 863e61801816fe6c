using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QiIngest.Functions;
using QiIngest.Storage;

var builder = FunctionsApplication.CreateBuilder(args);
builder.Services.AddQiIngestStorage(builder.Configuration);
builder.Services.AddSingleton<IFunctionMetadataTransformer, BindingDefaults>();
builder.Build().Run();
