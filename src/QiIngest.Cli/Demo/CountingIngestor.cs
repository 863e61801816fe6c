using QiIngest.Core.Receipts;
using QiIngest.Storage.Ingestion;

namespace QiIngest.Cli.Demo;

/// <summary>The pipeline's ingestion service, telling <see cref="IngestionCounter"/> about each blob it finished.</summary>
internal sealed class CountingIngestor(IUploadIngestor inner, IngestionCounter counter) : IUploadIngestor
{
    public async Task<Receipt?> IngestAsync(string blobName, CancellationToken cancellationToken = default)
    {
        var receipt = await inner.IngestAsync(blobName, cancellationToken);
        counter.Completed(blobName);
        return receipt;
    }
}
