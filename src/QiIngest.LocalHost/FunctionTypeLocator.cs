using Microsoft.Azure.WebJobs;

namespace QiIngest.LocalHost;

/// <summary>Indexes exactly the functions of the pipeline, whatever else is loaded (test assemblies, the CLI).</summary>
internal sealed class FunctionTypeLocator : ITypeLocator
{
    public IReadOnlyList<Type> GetTypes() => [typeof(IngestUpload), typeof(NationalRollup), typeof(RedrivePoisonedUpload), typeof(RetryUpload), typeof(Reconcile)];
}
