using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QiIngest.Api.Auth;
using QiIngest.Core;
using QiIngest.Core.Catalog;
using QiIngest.Core.Rollup;
using QiIngest.Core.Sdmx;
using QiIngest.Core.Templates;
using QiIngest.Storage;
using QiIngest.Storage.Reading;

namespace QiIngest.Api;

/// <summary>
/// The API's endpoints, one method each, host-neutral: the Functions app's HTTP functions and the local host's Kestrel
/// call the same methods with the request's <see cref="HttpContext"/>. Each authenticates, checks its input, checks the
/// caller's permission, reads through <see cref="ReadService"/> and answers JSON (errors as problem details).
/// </summary>
public sealed class ApiHandlers
{
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(5);

    private readonly ReadService _reader;
    private readonly CallerAuthentication _authentication;
    private readonly UploadGrants _grants;
    private readonly IndicatorCatalog _catalog;
    private readonly ReporterRegistry _reporters;
    private readonly ApiOptions _options;
    private readonly TimeProvider _clock;
    private readonly ILogger<ApiHandlers> _logger;

    internal ApiHandlers(ReadService reader, CallerAuthentication authentication, UploadGrants grants, IndicatorCatalog catalog, ReporterRegistry reporters, IOptions<ApiOptions> options, TimeProvider clock, ILogger<ApiHandlers> logger)
    {
        _reader = reader;
        _authentication = authentication;
        _grants = grants;
        _catalog = catalog;
        _reporters = reporters;
        _options = options.Value;
        _clock = clock;
        _logger = logger;
    }

    /// <summary><c>GET /api/health</c>: 200 when blob and table storage answer, else 503.</summary>
    public async Task<IResult> HealthAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(HealthTimeout);
        var problems = await _reader.CheckReachableAsync(timeout.Token);
        if (problems.Count > 0)
        {
            Log.Unhealthy(_logger, string.Join(" ", problems));
            return ApiProblems.Unavailable(context, string.Join(" ", problems));
        }

        return Json(new { status = "healthy", storage = "reachable", checkedAt = _clock.GetUtcNow() });
    }

    /// <summary><c>GET /api/returns/{reporter}/{period}</c>: the current version, every version, every rejected file with its receipt, and what is still being processed.</summary>
    public async Task<IResult> GetReturnAsync(HttpContext context, string reporter, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (caller, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        return CheckReporterAndPeriod(context, reporter, period) ?? Deny(context, caller!, reporter, upload: false)
            ?? Json(await _reader.GetReturnAsync(reporter, period, cancellationToken));
    }

    /// <summary><c>GET /api/returns/{reporter}/{period}/receipts/{file}</c>: the receipt of one upload.</summary>
    public async Task<IResult> GetReceiptAsync(HttpContext context, string reporter, string period, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (caller, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        if ((CheckReporterAndPeriod(context, reporter, period) ?? CheckFileName(context, file) ?? Deny(context, caller!, reporter, upload: false)) is { } problem)
        {
            return problem;
        }

        return await _reader.GetReceiptAsync(reporter, period, file, cancellationToken) is { } receipt
            ? Results.Bytes(Core.Receipts.ReceiptJson.Serialize(receipt), "application/json; charset=utf-8")
            : ApiProblems.NotFound(context, $"There is no receipt for {reporter}/{period}/{file} (yet): the pipeline writes one within a minute of an upload. Check the file name, or GET /api/returns/{reporter}/{period} for the uploads still being processed.");
    }

    /// <summary><c>POST /api/returns/{reporter}/{period}/uploads</c> with <c>{"file": "name.csv"}</c>: a write-only grant for exactly that blob.</summary>
    public async Task<IResult> CreateUploadAsync(HttpContext context, string reporter, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (caller, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        if ((CheckReporterAndPeriod(context, reporter, period) ?? Deny(context, caller!, reporter, upload: true)) is { } problem)
        {
            return problem;
        }

        string? file = null;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
            if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("file", out var f) && f.ValueKind == JsonValueKind.String)
            {
                file = f.GetString();
            }
        }
        catch (JsonException)
        {
            // Answered below, like a body without the name.
        }

        if (string.IsNullOrWhiteSpace(file))
        {
            return ApiProblems.BadRequest(context, "The body must be JSON naming the file to upload, for example {\"file\": \"qi-beijing.csv\"}.");
        }

        if (CheckFileName(context, file) is { } badName)
        {
            return badName;
        }

        var parsed = UploadPath.Parse(reporter, period, file, _reporters);
        if (parsed.Path is not { } path)
        {
            return ApiProblems.BadRequest(context, string.Join(" ", parsed.Errors.Select(e => e.Message)));
        }

        var grant = await _grants.IssueAsync(path, cancellationToken);
        Log.UploadGranted(_logger, caller!.Name, grant.BlobName, grant.ExpiresOn);
        return Results.Json(grant, ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }

    /// <summary><c>GET /api/national/{period}</c>: the published national figures (anyone).</summary>
    public async Task<IResult> GetNationalAsync(HttpContext context, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        if (CheckPeriod(context, period) is { } problem)
        {
            return problem;
        }

        if (await _reader.GetPublishedAsync(period, cancellationToken) is not { } rollup)
        {
            return NotPublished(context, period, "national figures");
        }

        return Json(new
        {
            period,
            status = rollup.Status,
            computedAt = rollup.ComputedAt,
            coverage = rollup.Coverage,
            figures = rollup.Figures.Select(f => new { code = f.Code, nameZh = f.NameZh, nameEn = f.NameEn, kind = f.Kind.ToString().ToLowerInvariant(), unit = f.Unit, value = f.Value, rounded = f.Rounded, yoyPercent = f.YoyPercent, yoyRounded = f.YoyRounded, reporters = f.Reporters }),
        });
    }

    /// <summary><c>GET /api/national/{period}/provinces/{indicator}</c>: every expected reporter's value from its current version (national role).</summary>
    public async Task<IResult> GetProvincesAsync(HttpContext context, string period, string indicator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (caller, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        if ((CheckPeriod(context, period) ?? CheckIndicator(context, indicator) ?? DenyUnlessNational(context, caller!, "Province values of every reporter")) is { } problem)
        {
            return problem;
        }

        var current = (await _reader.ListCurrentAsync(period, cancellationToken)).ToDictionary(v => v.Reporter, StringComparer.Ordinal);
        var item = _catalog[indicator];
        return Json(new
        {
            period,
            indicator,
            unit = item.Unit,
            provinces = _reporters.Expected.Select(code => new
            {
                reporter = code,
                nameZh = NameZh(code),
                nameEn = NameEn(code),
                version = current.GetValueOrDefault(code)?.Version,
                value = current.GetValueOrDefault(code)?.Totals.GetValueOrDefault(indicator),
            }),
        });
    }

    /// <summary>
    /// <c>GET /api/national/{period}/regions/{indicator}?reporter=</c>: the city rows of the current versions. The
    /// national role reads every reporter's (or the one named); a reporter reads its own.
    /// </summary>
    public async Task<IResult> GetRegionsAsync(HttpContext context, string period, string indicator, string? reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (caller, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        reporter = string.IsNullOrEmpty(reporter) && caller is { IsNational: false, Reporter: { } own } ? own : reporter;
        var problem = CheckPeriod(context, period) ?? CheckIndicator(context, indicator)
            ?? (string.IsNullOrEmpty(reporter) ? DenyUnlessNational(context, caller!, "City detail of every reporter") : CheckReporter(context, reporter) ?? Deny(context, caller!, reporter, upload: false));
        if (problem is not null)
        {
            return problem;
        }

        var versions = string.IsNullOrEmpty(reporter)
            ? await _reader.ListCurrentAsync(period, cancellationToken)
            : await _reader.GetCurrentAsync(reporter, period, cancellationToken) is { } one ? [one] : [];
        var rows = new List<RegionValue>();
        foreach (var version in versions)
        {
            rows.AddRange(await _reader.ListRegionsAsync(version, indicator, cancellationToken));
        }

        return Json(new { period, indicator, reporter, regions = rows });
    }

    /// <summary><c>GET /api/coverage/{period}</c>: per expected reporter, what came and what was accepted, against the period's deadline (national role).</summary>
    public async Task<IResult> GetCoverageAsync(HttpContext context, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (caller, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        if ((CheckPeriod(context, period) ?? DenyUnlessNational(context, caller!, "Coverage")) is { } problem)
        {
            return problem;
        }

        var submissions = await _reader.ListSubmissionsAsync(period, cancellationToken);
        var deadline = _options.DeadlineOf(Period.Parse(period));
        var now = _clock.GetUtcNow();
        var rows = _reporters.Expected.Select(code =>
        {
            var s = submissions.GetValueOrDefault(code);
            var accepted = s?.Current is not null;
            var received = s is { Files: > 0 } || accepted;
            var status = accepted ? "accepted" : s is null || s.Files == 0 ? "missing" : s.Files > s.Rejected ? "processing" : "rejected";
            var overdue = !accepted && now > deadline;
            return new ReporterCoverage(code, NameZh(code), NameEn(code), true, received, accepted, s?.Current?.Version, status, s?.Files ?? 0, s?.Rejected ?? 0, s?.FirstReceivedAt, s?.Current?.ProcessedAt, overdue, overdue ? (int)(now - deadline).TotalDays : null);
        }).ToList();
        return Json(new CoverageReport(period, deadline, now, rows.Count, rows.Count(r => r.Received), rows.Count(r => r.Accepted), rows));
    }

    /// <summary><c>GET /api/sdmx/data/{flow}/{key}/{provider}</c>: the published national figures as SDMX-CSV 2.0 or SDMX-ML 2.1 structure-specific data, by <c>Accept</c> (anyone).</summary>
    public async Task<IResult> GetSdmxDataAsync(HttpContext context, string flow, string? key, string? provider, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        if (!IsOurFlow(flow))
        {
            return ApiProblems.NotFound(context, $"There is no dataflow '{flow}': this service has {SdmxDataflow.FlowRef}.");
        }

        if (provider is not (null or "" or "all" or SdmxDataflow.Agency))
        {
            return ApiProblems.NotFound(context, $"There is no data provider '{provider}': this service's data come from {SdmxDataflow.Agency} (or ask for all).");
        }

        var query = context.Request.Query;
        if (!SdmxQuery.TryParse(key, query["startPeriod"], query["endPeriod"], out var selection, out var error))
        {
            return ApiProblems.BadRequest(context, error);
        }

        var format = SdmxNegotiation.Data(context.Request.Headers.Accept);
        if (format is null)
        {
            return ApiProblems.NotAcceptable(context, $"This service answers SDMX data as {SdmxCsvData.MediaType} or {SdmxMlData.MediaType}.");
        }

        var rollups = new List<NationalRollup>();
        foreach (var period in await _reader.ListPublishedPeriodsAsync(cancellationToken))
        {
            if (selection.Covers(period) && await _reader.GetPublishedAsync(period.ToString(), cancellationToken) is { } rollup)
            {
                rollups.Add(rollup);
            }
        }

        var observations = SdmxDataSet.From(rollups, selection);
        if (observations.Count == 0)
        {
            return ApiProblems.NotFound(context, $"No published observations match the key '{key ?? "all"}' and the periods asked for.");
        }

        var now = _clock.GetUtcNow();
        return format == SdmxCsvData.MediaType
            ? Results.Bytes(SdmxCsvData.Write(observations), SdmxCsvData.MediaType + "; charset=utf-8")
            : Results.Bytes(SdmxMlData.Write(observations, now, MessageId("DATA", now)), SdmxMlData.MediaType);
    }

    /// <summary>
    /// <c>GET /api/sdmx/structure/{type}/{agency}/{id}/{version}?references=</c> for dataflow, datastructure, codelist or
    /// conceptscheme: the artefact and, with references, what it uses or what uses it (anyone).
    /// </summary>
    public async Task<IResult> GetSdmxStructureAsync(HttpContext context, string type, string agency, string id, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        var ids = SdmxStructures.Ids(type);
        if (ids.Count == 0)
        {
            return ApiProblems.NotFound(context, $"There are no structures of type '{type}': this service has dataflow, datastructure, codelist and conceptscheme.");
        }

        if (agency is not (SdmxDataflow.Agency or "all") || (id != "all" && !ids.Contains(id)) || version is not (SdmxDataflow.Version or "latest" or "all"))
        {
            return ApiProblems.NotFound(context, $"There is no {type} {agency}/{id}/{version}: this service has {string.Join(", ", ids.Select(i => $"{SdmxDataflow.Agency}/{i}/{SdmxDataflow.Version}"))}.");
        }

        var references = context.Request.Query["references"].ToString();
        if (SdmxStructures.PartsFor(type, references) is not { } parts)
        {
            return ApiProblems.BadRequest(context, $"references '{references}' is not one of none, parents, parentsandsiblings, children, descendants, all.");
        }

        if (!SdmxNegotiation.Structure(context.Request.Headers.Accept))
        {
            return ApiProblems.NotAcceptable(context, $"This service answers SDMX structures as {SdmxStructures.MediaType}.");
        }

        var now = _clock.GetUtcNow();
        var codelist = type == "codelist" && id != "all" ? id : null;
        return Results.Bytes(SdmxStructures.Write(_catalog, _reporters, now, MessageId("STRUCTURE", now), parts, codelist), SdmxStructures.MediaType);
    }

    /// <summary>
    /// <c>GET /api/returns/{reporter}/{period}/template?format=csv|xlsx</c>: the empty return to fill in, the same file as
    /// <c>qi template</c> writes (anyone: it holds the catalog, no data).
    /// </summary>
    public async Task<IResult> GetTemplateAsync(HttpContext context, string reporter, string period, string? format, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        if (CheckReporterAndPeriod(context, reporter, period) is { } problem)
        {
            return problem;
        }

        format = string.IsNullOrEmpty(format) ? "csv" : format;
        if (format is not ("csv" or "xlsx"))
        {
            return ApiProblems.BadRequest(context, $"The format '{format}' is not one of csv, xlsx: ask for ?format=csv or ?format=xlsx.");
        }

        var template = ReturnTemplate.For(reporter, Period.Parse(period), _catalog, _reporters);
        return format == "xlsx"
            ? Results.File(XlsxTemplateWriter.Write(template), ReportMediaTypes.Xlsx, template.FileName(format))
            : Results.File(CsvTemplateWriter.Write(template), ReportMediaTypes.Csv, template.FileName(format));
    }

    /// <summary>
    /// <c>GET /api/periods</c>: the current reporting period (the previous calendar year, China time) with its deadline,
    /// and the periods with published figures, in order (anyone).
    /// </summary>
    public async Task<IResult> GetPeriodsAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        var current = new Period(_clock.GetUtcNow().ToOffset(ApiOptions.ChinaOffset).Year - 1);
        var published = await _reader.ListPublishedPeriodsAsync(cancellationToken);
        return Json(new { current = current.ToString(), deadline = _options.DeadlineOf(current), published = published.Select(p => p.ToString()) });
    }

    /// <summary><c>GET /api/catalog</c>: the indicators and the reporters with their names, for choosing one (anyone).</summary>
    public async Task<IResult> GetCatalogAsync(HttpContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Json(new
        {
            indicators = _catalog.All.Select(i => new { code = i.Code, nameZh = i.NameZh, nameEn = i.NameEn, unit = i.Unit, kind = i.Kind.ToString().ToLowerInvariant(), national = i.IsNational }),
            reporters = _reporters.Expected.Select(code => new { code, nameZh = NameZh(code), nameEn = NameEn(code) }),
        });
    }

    /// <summary><c>GET /api/national/{period}/files</c>: the published reports of a period, each with its address in this API (anyone).</summary>
    public async Task<IResult> ListPublishedFilesAsync(HttpContext context, string period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        if (CheckPeriod(context, period) is { } problem)
        {
            return problem;
        }

        var files = (await _reader.ListPublishedFilesAsync(period, cancellationToken)).Where(ReportMediaTypes.IsReport).ToList();
        if (files.Count == 0)
        {
            return NotPublished(context, period, "reports");
        }

        return Json(new
        {
            period,
            files = files.Select(f => new { name = f, url = ApiRoutes.PublishedFilePath(period, f), mediaType = ReportMediaTypes.Of(f) }),
        });
    }

    /// <summary>
    /// <c>GET /api/national/{period}/files/{file}</c>: one published report with its media type (anyone); the dashboard may
    /// be framed by the portal only.
    /// </summary>
    public async Task<IResult> GetPublishedFileAsync(HttpContext context, string period, string file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (_, refused) = await AuthenticateAsync(context);
        if (refused is not null)
        {
            return refused;
        }

        if (CheckPeriod(context, period) is { } problem)
        {
            return problem;
        }

        if (!ReportMediaTypes.IsReport(file))
        {
            return ApiProblems.NotFound(context, $"There is no report '{file}': a period's reports are {string.Join(", ", BlobLayout.ReportFiles)}.");
        }

        if (await _reader.GetPublishedFileAsync(period, file, cancellationToken) is not { } bytes)
        {
            return NotPublished(context, period, file: file);
        }

        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        if (file == BlobLayout.DashboardFile)
        {
            headers.ContentSecurityPolicy = ReportMediaTypes.DashboardPolicy;
        }

        return Results.Bytes(bytes, ReportMediaTypes.Of(file));
    }

    /// <summary>The 404 of something the rollup has not published for <paramref name="period"/> yet: some <paramref name="things"/>, or one <paramref name="file"/>.</summary>
    private static IResult NotPublished(HttpContext context, string period, string? things = null, string? file = null) => ApiProblems.NotFound(
        context,
        file is null
            ? $"No {things} are published for {period} yet: the rollup publishes them once a return of {period} is accepted."
            : $"{file} is not published for {period} yet: the rollup publishes it once a return of {period} is accepted.");

    private async Task<(ApiCaller? Caller, IResult? Refused)> AuthenticateAsync(HttpContext context)
    {
        var (caller, refusal) = await _authentication.AuthenticateAsync(context);
        if (caller is null)
        {
            Log.TokenRefused(_logger, context.Request.Path.Value ?? string.Empty, refusal!);
            return (null, ApiProblems.Unauthorized(context, refusal!, tokenRefused: true));
        }

        return (caller, null);
    }

    private static IResult? Deny(HttpContext context, ApiCaller caller, string reporter, bool upload)
    {
        if (!caller.IsSignedIn)
        {
            return ApiProblems.Unauthorized(context, $"The returns of {reporter} need sign-in: send 'Authorization: Bearer {{access token}}' from Microsoft Entra ID.", tokenRefused: false);
        }

        if (caller.ReporterRoles > 1 && !caller.IsNational)
        {
            return ApiProblems.Forbidden(context, $"Your account has {caller.ReporterRoles} reporter roles, but a reporter's account is tied to exactly one: ask the national team to leave one role assigned.");
        }

        if (upload ? caller.CanUpload(reporter) : caller.CanRead(reporter))
        {
            return null;
        }

        return ApiProblems.Forbidden(context, upload
            ? $"Only the staff of reporter {reporter} may upload its returns{(caller.Reporter is { } own ? $"; your account is for {own}" : string.Empty)}."
            : $"Your account may not read the returns of {reporter}{(caller.Reporter is { } mine ? $"; it reads those of {mine}" : string.Empty)}.");
    }

    private static IResult? DenyUnlessNational(HttpContext context, ApiCaller caller, string what) =>
        !caller.IsSignedIn ? ApiProblems.Unauthorized(context, $"{what} needs sign-in with the National role.", tokenRefused: false)
        : caller.IsNational ? null
        : ApiProblems.Forbidden(context, $"{what} is for the National role only{(caller.Reporter is { } own ? $"; your account reads the returns of {own}" : string.Empty)}.");

    private IResult? CheckReporterAndPeriod(HttpContext context, string reporter, string period) => CheckReporter(context, reporter) ?? CheckPeriod(context, period);

    private IResult? CheckReporter(HttpContext context, string reporter) =>
        reporter == ReporterRegistry.NationalCode || _reporters.FindProvince(reporter) is not null ? null
        : ApiProblems.BadRequest(context, $"The reporter '{reporter}' is not one of the 31 provinces or the national administration 100000: use the six-digit GB/T 2260 code, for example 110000 for Beijing.");

    private static IResult? CheckPeriod(HttpContext context, string period) =>
        Period.IsValid(period) ? null : ApiProblems.BadRequest(context, $"The period '{period}' is not a year YYYY from {Period.MinYear} to {Period.MaxYear}.");

    private IResult? CheckIndicator(HttpContext context, string indicator) =>
        _catalog.All.Any(i => i.Code == indicator) ? null
        : ApiProblems.NotFound(context, $"There is no indicator '{indicator}': use a catalog code such as STD_SOCIAL_ORG.");

    private static IResult? CheckFileName(HttpContext context, string file) =>
        file.Length is > 0 and <= 200 && !file.Any(c => c is '/' or '\\' || char.IsControl(c)) && !file.StartsWith('.') && file.Trim() == file ? null
        : ApiProblems.BadRequest(context, $"The file name '{file}' is not usable: give a plain name of at most 200 characters, without slashes, such as qi-beijing.csv.");

    private static bool IsOurFlow(string flow) => flow is SdmxDataflow.FlowRef or SdmxDataflow.Id or $"{SdmxDataflow.Agency},{SdmxDataflow.Id}" or $"{SdmxDataflow.Agency},{SdmxDataflow.Id},latest";

    private string NameZh(string code) => _reporters.FindProvince(code)?.NameZh ?? "国家市场监督管理总局";

    private string NameEn(string code) => _reporters.FindProvince(code)?.NameEn ?? "State Administration for Market Regulation";

    private static string MessageId(string kind, DateTimeOffset now) => $"QI_{kind}_{now.UtcDateTime:yyyyMMddHHmmss}";

    private static IResult Json<T>(T value) => Results.Json(value, ApiJson.Options);
}
