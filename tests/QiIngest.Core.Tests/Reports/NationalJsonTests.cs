using System.Text;
using System.Text.Json;
using QiIngest.Core.Catalog;
using QiIngest.Core.Reports;
using QiIngest.Core.Rollup;
using QiIngest.Core.Tests.Rollup;

namespace QiIngest.Core.Tests.Reports;

public class NationalJsonTests
{
    [Fact]
    public void Write_SmallRollup_IsTheSection10Document()
    {
        var rollup = SampleRollups.Small() with { Figures = [SampleRollups.Small().Figures[0], SampleRollups.Small().Figures[3]] };

        var json = Encoding.UTF8.GetString(NationalJson.Write(rollup));

        Assert.Equal("""
            {
              "period": "2023",
              "status": "final",
              "coverage": {
                "reported": 32,
                "expected": 32,
                "missing": []
              },
              "inputs": {
                "110000": {
                  "version": 2,
                  "file": "qi-beijing.csv",
                  "sha256": "ab12",
                  "totals": {
                    "IT_REVENUE": null,
                    "STD_SOCIAL_ORG": 4318
                  }
                },
                "320000": {
                  "version": 1,
                  "file": "江苏.xlsx",
                  "sha256": null,
                  "totals": {
                    "STD_SOCIAL_ORG": 2488
                  }
                }
              },
              "fingerprint": "f00d",
              "computedAt": "2024-03-01T10:30:00+08:00",
              "indicators": [
                {
                  "code": "STD_SOCIAL_ORG",
                  "nameZh": "团体标准",
                  "nameEn": "Social organization standards",
                  "aggregation": "sum",
                  "kind": "count",
                  "value": 74240,
                  "rounded": 74240,
                  "unit": "项",
                  "yoyPercent": 45.34633305924272,
                  "yoyRounded": 45.3,
                  "reporters": 31
                },
                {
                  "code": "STD_NATIONAL",
                  "nameZh": "国家标准",
                  "nameEn": "National standards",
                  "aggregation": "national",
                  "kind": "count",
                  "value": null,
                  "rounded": null,
                  "unit": "项",
                  "yoyPercent": null,
                  "yoyRounded": null,
                  "reporters": 0
                }
              ]
            }
            """, json);
    }

    [Fact]
    public void Write_HostileFileName_IsEscapedJsonString()
    {
        var bytes = NationalJson.Write(SampleRollups.Small(file: "<script>alert(\"1\")</script>.csv"));

        Assert.Contains("\"file\": \"\\u003Cscript\\u003Ealert(\\u00221\\u0022)\\u003C/script\\u003E.csv\"", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal("<script>alert(\"1\")</script>.csv", NationalJson.Read(bytes).Inputs[0].File);
    }

    [Fact]
    public async Task Read_WrittenGolden2023_RoundTripsEveryField()
    {
        var rollup = await FolderRollupTests.Golden(2023);

        var bytes = NationalJson.Write(rollup);
        var back = NationalJson.Read(bytes);

        Assert.Equal(bytes, NationalJson.Write(back));
        Assert.Equal((rollup.Period, rollup.Status, rollup.ComputedAt, rollup.Fingerprint), (back.Period, back.Status, back.ComputedAt, back.Fingerprint));
        Assert.Equal((rollup.Coverage.Reported, rollup.Coverage.Expected), (back.Coverage.Reported, back.Coverage.Expected));
        Assert.Equal(rollup.Coverage.Missing, back.Coverage.Missing);
        Assert.Equal(rollup.Figures, back.Figures);
        Assert.Equal(rollup.Versions, back.Versions);
        for (var i = 0; i < rollup.Inputs.Count; i++)
        {
            Assert.Equal((rollup.Inputs[i].Reporter, rollup.Inputs[i].Version, rollup.Inputs[i].File, rollup.Inputs[i].Sha256), (back.Inputs[i].Reporter, back.Inputs[i].Version, back.Inputs[i].File, back.Inputs[i].Sha256));
            Assert.Equal(rollup.Inputs[i].Totals.OrderBy(p => p.Key, StringComparer.Ordinal), back.Inputs[i].Totals.OrderBy(p => p.Key, StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Write_Golden2023_DecimalsAreExactJsonNumbers()
    {
        var root = JsonDocument.Parse(NationalJson.Write(await FolderRollupTests.Golden(2023))).RootElement;

        var social = root.GetProperty("indicators").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "STD_SOCIAL_ORG");
        Assert.Equal("74240", social.GetProperty("value").GetRawText());
        Assert.Equal("45.3", social.GetProperty("yoyRounded").GetRawText());
        Assert.Equal(JsonValueKind.Number, social.GetProperty("yoyPercent").ValueKind);
        var share = root.GetProperty("indicators").EnumerateArray().Single(e => e.GetProperty("code").GetString() == "IT_PRIVATE_SHARE");
        Assert.Equal("63.47", share.GetProperty("rounded").GetRawText());
        Assert.Equal("471236000000", root.GetProperty("indicators")[3].GetProperty("value").GetRawText());
        Assert.Equal(32, root.GetProperty("inputs").EnumerateObject().Count());
        Assert.Equal(1, root.GetProperty("inputs").GetProperty("100000").GetProperty("version").GetInt32());
    }

    [Fact]
    public void Read_Section10DocumentWithoutOptionalFields_FillsDefaults()
    {
        var json = """
            {"period":"2022","status":"provisional","coverage":{"reported":1,"expected":32,"missing":["100000"]},
             "inputs":{"110000":{"version":3,"file":"a.csv","sha256":"00"}},"computedAt":"2024-01-01T00:00:00Z",
             "indicators":[{"code":"IT_REVENUE","nameZh":"检验检测营业收入","nameEn":"Inspection and testing revenue","value":1.5,"rounded":1.5,"unit":"元","yoyPercent":null,"yoyRounded":null,"reporters":1}]}
            """u8;

        var rollup = NationalJson.Read(json);

        Assert.Equal(new Period(2022), rollup.Period);
        Assert.Equal(3, rollup.Versions["110000"]);
        Assert.Empty(rollup.Inputs[0].Totals);
        Assert.Equal("", rollup.Fingerprint);
        Assert.Equal((IndicatorKind.Money, FigureAggregation.Sum, 1.5m), (rollup.Figures[0].Kind, rollup.Figures[0].Aggregation, rollup.Figures[0].Value));
    }

    [Fact]
    public void Read_NotARollup_ThrowsJsonException()
    {
        var e = Assert.Throws<JsonException>(() => NationalJson.Read("""{"period":"2023"}"""u8));

        Assert.StartsWith("The JSON is not a national rollup of section 10:", e.Message, StringComparison.Ordinal);
    }
}
