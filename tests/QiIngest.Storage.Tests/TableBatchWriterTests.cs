using Azure;
using Azure.Data.Tables;
using Moq;
using QiIngest.Storage.Tables;

namespace QiIngest.Storage.Tests;

/// <summary>The transaction rules Azure enforces and Azurite does not: one partition, at most 100 actions, under 4 MiB.</summary>
public class TableBatchWriterTests
{
    private readonly List<IReadOnlyList<TableTransactionAction>> _submitted = [];
    private readonly Mock<TableClient> _table = new();

    public TableBatchWriterTests()
    {
        _table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<TableTransactionAction>, CancellationToken>((actions, _) =>
            {
                lock (_submitted)
                {
                    _submitted.Add([.. actions]);
                }
            })
            .ReturnsAsync(Mock.Of<Response<IReadOnlyList<Response>>>());
    }

    [Fact]
    public async Task UpsertAsync_EntitiesOfSeveralPartitions_OneTransactionPerPartitionRun()
    {
        await using var writer = new TableBatchWriter(_table.Object, 4);

        foreach (var (partition, row) in new[] { ("a", "1"), ("a", "2"), ("b", "1"), ("b", "2"), ("c", "1") })
        {
            await writer.UpsertAsync(new TableEntity(partition, row), 100, CancellationToken.None);
        }

        await writer.FlushAsync(CancellationToken.None);

        Assert.Equal(["a,a", "b,b", "c"], _submitted.Select(b => string.Join(",", b.Select(a => a.Entity.PartitionKey))).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task UpsertAsync_250Entities_TransactionsOfAtMost100()
    {
        await using var writer = new TableBatchWriter(_table.Object, 4);

        for (var i = 0; i < 250; i++)
        {
            await writer.UpsertAsync(new TableEntity("p", $"{i:D4}"), 100, CancellationToken.None);
        }

        await writer.FlushAsync(CancellationToken.None);

        Assert.Equal([50, 100, 100], _submitted.Select(b => b.Count).Order());
        Assert.Equal(3, writer.Transactions);
    }

    [Fact]
    public async Task UpsertAsync_LargeEntities_TransactionsStayUnderThePayloadLimit()
    {
        await using var writer = new TableBatchWriter(_table.Object, 4);

        for (var i = 0; i < 10; i++)
        {
            await writer.UpsertAsync(new TableEntity("p", $"{i}"), 1024 * 1024, CancellationToken.None);
        }

        await writer.FlushAsync(CancellationToken.None);

        Assert.All(_submitted, b => Assert.True(b.Count * 1024 * 1024 <= TableBatchWriter.MaxPayloadBytes));
        Assert.Equal(10, _submitted.Sum(b => b.Count));
    }

    [Fact]
    public async Task FlushAsync_FailedTransaction_Propagates()
    {
        _table.Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "Server busy"));
        await using var writer = new TableBatchWriter(_table.Object, 2);
        await writer.UpsertAsync(new TableEntity("p", "1"), 100, CancellationToken.None);

        var e = await Assert.ThrowsAsync<RequestFailedException>(() => writer.FlushAsync(CancellationToken.None));

        Assert.Equal(503, e.Status);
    }
}
