using System.Reflection;
using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Moq;
using QiIngest.Core.Receipts;
using QiIngest.Storage.Ingestion;

namespace QiIngest.Functions.Tests;

public class IngestUploadTests
{
    [Fact]
    public async Task RunAsync_Blob_HandsItsNameToTheIngestor()
    {
        var ingestor = new Mock<IUploadIngestor>(MockBehavior.Strict);
        using var cts = new CancellationTokenSource();
        ingestor.Setup(i => i.IngestAsync("110000/2023/qi-beijing.csv", cts.Token)).ReturnsAsync((Receipt?)null);
        var blob = new Mock<BlobClient>();

        await new IngestUpload(ingestor.Object).RunAsync(blob.Object, "110000/2023/qi-beijing.csv", cts.Token);

        ingestor.Verify(i => i.IngestAsync("110000/2023/qi-beijing.csv", cts.Token), Times.Once);
    }

    [Fact]
    public async Task RunAsync_InfrastructureFault_Propagates()
    {
        var ingestor = new Mock<IUploadIngestor>();
        ingestor.Setup(i => i.IngestAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ThrowsAsync(new Azure.RequestFailedException(503, "Server busy"));

        var e = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => new IngestUpload(ingestor.Object).RunAsync(new Mock<BlobClient>().Object, "110000/2023/a.csv", CancellationToken.None));

        Assert.Equal(503, e.Status);
    }

    [Fact]
    public void RunAsync_Trigger_IsEventGridBlobTriggerOnUploadsBindingBlobClient()
    {
        var method = typeof(IngestUpload).GetMethod(nameof(IngestUpload.RunAsync))!;
        var blob = method.GetParameters()[0];
        var trigger = blob.GetCustomAttribute<BlobTriggerAttribute>()!;

        Assert.Equal("IngestUpload", method.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal("uploads/{name}", trigger.BlobPath);
        Assert.Equal(BlobTriggerSource.EventGrid, trigger.Source);
        Assert.Equal("QiStorage", trigger.Connection);
        Assert.Equal(typeof(BlobClient), blob.ParameterType);
        Assert.Equal(typeof(CancellationToken), method.GetParameters()[^1].ParameterType);
    }
}
