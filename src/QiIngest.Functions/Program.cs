using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QiIngest.Api;
using QiIngest.Functions;
using QiIngest.Storage;
using QiIngest.Storage.Telemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddQiIngestStorage(builder.Configuration).AddQiIngestApi(builder.Configuration);
builder.Services.AddSingleton<IFunctionMetadataTransformer, BindingDefaults>();
builder.Services.AddQiIngestTelemetry(builder.Configuration, serviceName: null, otel => otel.UseFunctionsWorkerDefaults());
builder.Build().Run();
