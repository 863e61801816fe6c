using System.Text;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Tests.Reading;

/// <summary>Hostile files end in limit-exceeded quickly and without running out of memory (section 7).</summary>
public class LimitTests
{
    [Fact]
    public void Check_OneGibibyteSeekableFile_RejectedBeforeReading()
    {
        using var stream = new EndlessStream(1L << 30, seekable: true);

        var result = Checks.Run(stream);

        Assert.Equal("The file is 1,073,741,824 bytes, more than the limit of 104,857,600: split it into several returns or ask the national team to raise the limit.", Assert.Single(result.Errors).Message);
        Assert.Equal(0, stream.BytesRead);
    }

    [Fact]
    public void Check_OneGibibyteForwardOnlyStream_StopsAtTheLimit()
    {
        using var stream = new EndlessStream(1L << 30, seekable: false);

        var result = Checks.Run(stream, limits: IngestLimits.Default with { MaxFileBytes = 1 << 20 });

        Assert.Equal(IssueType.LimitExceeded, Assert.Single(result.Errors).Type);
        Assert.True(stream.BytesRead < 2 << 20, $"read {stream.BytesRead} bytes");
    }

    [Fact]
    public void Check_MoreRowsThanTheLimit_IsLimitExceeded()
    {
        var csv = new StringBuilder("region,indicator,value\n");
        for (var i = 0; i < 1001; i++)
        {
            csv.Append('r').Append(i).Append(",IT_INSTITUTIONS,1\n");
        }

        var result = Checks.Run(csv.ToString(), limits: IngestLimits.Default with { MaxDataRows = 1000 });

        Assert.Equal(new Issue(IssueType.LimitExceeded, "The file has more than 1,000 data rows, the limit of the form: split it into several returns or ask the national team to raise the limit.", 1002) { MessageZh = "文件的数据行超过报表上限 1,000 行：请拆分为多份报表，或请国家局提高上限。" }, Assert.Single(result.Errors));
    }

    [Fact]
    public void Check_MillionAndOneRows_RejectedWithDefaultLimit()
    {
        var csv = new StringBuilder(24_000_000);
        csv.Append("region,indicator,value\n");
        for (var i = 0; i <= 1_000_000; i++)
        {
            csv.Append('r').Append(i).Append(",IT_INSTITUTIONS,1\n");
        }

        var result = Checks.Run(csv.ToString());

        Assert.Equal(IssueType.LimitExceeded, Assert.Single(result.Errors).Type);
        Assert.Equal(1_000_002, result.Errors[0].Row);
    }

    [Fact]
    public void Check_DeeplyNestedJson_IsLimitExceeded()
    {
        var json = new string('[', 100_000) + new string(']', 100_000);

        var result = Checks.Run(json, file: "deep.json");

        Assert.Equal("The JSON is nested deeper than 64 levels, the limit of the form: a return is an object with an array of flat objects.", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Check_JsonAtExactlyTheDepthLimit_IsReadNotRejectedForDepth()
    {
        var json = "{\"observations\":[{\"indicator\":\"IT_INSTITUTIONS\",\"value\":1,\"note\":" + new string('[', 61) + new string(']', 61) + "}]}";

        var result = Checks.Run(json, file: "deep.json");

        Assert.DoesNotContain(result.Errors, e => e.Type == IssueType.LimitExceeded);
    }

    [Fact]
    public void Check_XlsxThatIsNotAZip_IsFormatError()
    {
        var result = Checks.Run("indicator,value\nIT_INSTITUTIONS,1\n", file: "return.xlsx");

        Assert.Equal(IssueType.FormatError, Assert.Single(result.Errors).Type);
    }

    /// <summary>A stream of zeros of a given length that allocates nothing.</summary>
    private sealed class EndlessStream(long length, bool seekable) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => seekable;

        public override bool CanWrite => false;

        public override long Length => seekable ? length : throw new NotSupportedException();

        public override long Position { get => BytesRead; set => BytesRead = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - BytesRead);
            Array.Fill(buffer, (byte)' ', offset, n);
            for (var i = offset; i < offset + n; i += 23)
            {
                buffer[i] = (byte)'\n';
            }

            BytesRead += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => Position = offset;

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
