using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.Configuration;
using QiIngest.Storage;

namespace QiIngest.Functions;

/// <summary>
/// Gives the binding expressions of the functions their defaults when the app setting is absent: the host resolves a
/// <c>%Setting%</c> it cannot find by disabling the function at indexing (a timer that never fires, a trigger on no
/// container). The worker sends the functions' metadata to the host (worker indexing), so a placeholder of a missing
/// setting is replaced here by the default the services use; a setting that is present is left to the host.
/// </summary>
internal sealed class BindingDefaults(IConfiguration configuration) : IFunctionMetadataTransformer
{
    /// <summary>Each setting a binding names, and its default.</summary>
    internal static readonly IReadOnlyDictionary<string, string> Defaults = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["RollupSchedule"] = NationalRollup.DefaultSchedule,
        [StorageOptions.UploadsContainerSetting] = new StorageOptions().UploadsContainer,
        [StorageOptions.RetryQueueSetting] = new StorageOptions().RetryQueue,
    };

    public string Name => nameof(BindingDefaults);

    public void Transform(IList<IFunctionMetadata> original)
    {
        ArgumentNullException.ThrowIfNull(original);
        foreach (var function in original)
        {
            if (function.RawBindings is not { Count: > 0 } bindings)
            {
                continue;
            }

            var resolved = bindings.Select(Resolve).ToList();
            if (resolved.SequenceEqual(bindings))
            {
                continue;
            }

            if (!bindings.IsReadOnly)
            {
                for (var i = 0; i < bindings.Count; i++)
                {
                    bindings[i] = resolved[i];
                }
            }
            else if (function is DefaultFunctionMetadata metadata)
            {
                metadata.RawBindings = resolved;
            }
        }
    }

    private string Resolve(string binding)
    {
        foreach (var (setting, value) in Defaults)
        {
            if (string.IsNullOrWhiteSpace(configuration[setting]))
            {
                binding = binding.Replace("%" + setting + "%", value, StringComparison.Ordinal);
            }
        }

        return binding;
    }
}
