using System.Text;
using QiIngest.Core.Validation;

namespace QiIngest.Core.Tests.Reading;

public class JsonReturnTests
{
    [Fact]
    public void Check_JsonWithNumbersAndStrings_Reads()
    {
        var json = """{"reporter":"江苏","period":"2023年","observations":[{"indicator":"IT_INSTITUTIONS","value":4090,"unit":"家"},{"indicator":"检验检测营业收入","value":"452.14亿元"},{"indicator":"IT_INSTITUTIONS_PRIVATE","value":null}]}""";

        var result = Checks.Run(json, file: "r.json");

        Assert.Equal(4090m, result.Totals["IT_INSTITUTIONS"]);
        Assert.Equal(45_214_000_000m, result.Totals["IT_REVENUE"]);
        Assert.Null(result.Totals["IT_INSTITUTIONS_PRIVATE"]);
        Assert.Contains(result.Warnings, w => w.Type == IssueType.MissingCell && w.Row == 3 && w.Column == "value");
    }

    [Fact]
    public void Check_JsonNumberWithManyDigits_IsExact()
    {
        var result = Checks.Run("""{"observations":[{"indicator":"IT_REVENUE","value":45214000000.01}]}""", file: "r.json");

        Assert.Equal(45_214_000_000.01m, result.Totals["IT_REVENUE"]);
    }

    [Fact]
    public void Check_JsonReporterAfterObservations_StillChecked()
    {
        var result = Checks.Run("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1}],"reporter":"330000"}""", file: "r.json");

        Assert.Equal(IssueType.ReporterMismatch, Assert.Single(result.Errors).Type);
    }

    [Fact]
    public void Check_JsonWithBomAndUtf16_Reads()
    {
        const string json = """{"observations":[{"indicator":"IT_INSTITUTIONS","value":1}]}""";

        Assert.True(Checks.Run(json, file: "r.json", encoding: new UTF8Encoding(true)).IsAccepted);
        Assert.True(Checks.Run(json, file: "r.json", encoding: new UnicodeEncoding(false, true)).IsAccepted);
    }

    [Theory]
    [InlineData("[1,2]", "The JSON is not an object: a return is {\"reporter\": …, \"period\": …, \"observations\": [ … ]}.")]
    [InlineData("{\"reporter\":\"320000\"}", "The JSON has no \"observations\" array: give the figures as {\"observations\": [{\"indicator\": …, \"value\": …}]}.")]
    [InlineData("", "The file is empty: upload a JSON object with an \"observations\" array.")]
    [InlineData("{\"observations\":{}}", "\"observations\" is not an array: give a list of {\"indicator\": …, \"value\": …} objects.")]
    public void Check_JsonOfWrongShape_IsFormatError(string json, string message)
    {
        var result = Checks.Run(json, file: "r.json");

        Assert.Equal(IssueType.FormatError, result.Errors[0].Type);
        Assert.Equal(message, result.Errors[0].Message);
    }

    [Fact]
    public void Check_MalformedJson_IsFormatError()
    {
        var result = Checks.Run("{\"observations\":[{\"indicator\":\"IT_INSTITUTIONS\",\"value\":1,}]}", file: "r.json");

        Assert.Equal(IssueType.FormatError, Assert.Single(result.Errors).Type);
        Assert.StartsWith("The file is not valid JSON", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_JsonUnknownProperty_IsExtraLabel()
    {
        var result = Checks.Run("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":1,"filler":"x"}],"generator":"excel"}""", file: "r.json");

        Assert.Equal(2, result.Warnings.Count(w => w.Type == IssueType.ExtraLabel));
    }

    [Fact]
    public void Check_JsonNestedValue_IsFormatErrorWithLocation()
    {
        var result = Checks.Run("""{"observations":[{"indicator":"IT_INSTITUTIONS","value":{"n":1}}]}""", file: "r.json");

        Assert.Equal(new Issue(IssueType.FormatError, "\"value\" must be a string or a number, not an object.", 1, "value") { MessageZh = "\"value\" 必须是字符串或数字，不能是对象。" }, Assert.Single(result.Errors));
    }

    [Fact]
    public void Check_LargeJson_StreamsAcrossBufferRefills()
    {
        var builder = new StringBuilder("{\"observations\":[");
        for (var i = 0; i < 20_000; i++)
        {
            builder.Append(i == 0 ? string.Empty : ",").Append("{\"indicator\":\"IT_INSTITUTIONS\",\"region\":\"区").Append(i).Append("\",\"value\":2}");
        }

        var result = Checks.Run(builder.Append("]}").ToString(), file: "r.json");

        Assert.Equal(40_000m, result.Totals["IT_INSTITUTIONS"]);
        Assert.Equal(20_000, result.ObservationCount);
    }
}
