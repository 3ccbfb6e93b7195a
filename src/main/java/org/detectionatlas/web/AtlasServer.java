package org.detectionatlas.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Optional;
import java.util.function.Supplier;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.RuleListing;
import org.detectionatlas.analyze.IndicatorKey;
import org.detectionatlas.analyze.Lazy;
import org.detectionatlas.analyze.EventReport;
import org.detectionatlas.analyze.RuleReport;
import org.detectionatlas.model.ParseStatus;
import org.detectionatlas.analyze.TechniqueReport;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.normalize.Normalizer;
import org.detectionatlas.views.IndicatorCsv;
import org.detectionatlas.views.Json;
import org.detectionatlas.views.NavigatorLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: server-rendered pages, exports and the JSON API over one {@link CatalogIndex}.
 *
 * <p>Pages: {@code /}, {@code /techniques/{id}}, {@code /rules/{vendor}/{id}},
 * {@code /fields/{field}}, {@code /indicators?field=&op=&value=}, {@code /events/{provider}/{id}},
 * {@code /search?q=}, {@code /health}. Exports: {@code /export/navigator.json} and
 * {@code /export/indicators.csv}. API under {@code /api/v1}: {@code techniques},
 * {@code techniques/{id}}, {@code rules/{vendor}/{id}}, {@code stats}. Unknown API paths and
 * missing items get JSON errors, and pages get HTML errors.
 *
 * <p>The catalog does not change while serving, so every successful response is rendered once
 * per URL and kept as bytes, with its gzip form and an ETag (see {@link ResponseCache}).
 */
public final class AtlasServer {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasServer.class);
    /** Only our own stylesheet and images; no script, no inline style, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:;"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    static final String HTML = "text/html; charset=utf-8";
    static final String JSON = "application/json";
    static final String CSV = "text/csv; charset=utf-8";
    private static final java.util.regex.Pattern CONTROL = java.util.regex.Pattern.compile("\\p{Cntrl}");

    private final Javalin app;
    /**
     * The catalog, which may still be loading while the server starts: requests for pages wait
     * for it, so a server can listen while its snapshot is read.
     */
    private final CompletableFuture<CatalogIndex> catalogIndex;
    /**
     * Built on another thread once the catalog is loaded, after the catalog's own lazy parts,
     * because it walks every predicate of every rule. The first request that needs it waits for it.
     */
    private final CompletableFuture<SiteIndex> siteIndex;
    /** Loaded on first use, by the field pages only, to keep it out of the server's start. */
    private final Lazy<Normalizer> normalizer = new Lazy<>(Normalizer::loadDefault);
    /** The ATT&amp;CK platforms the techniques name, for checking the home page's filter. */
    private final Lazy<java.util.Set<String>> platforms = new Lazy<>(() -> HomePage.platforms(index()));
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    private final ResponseCache cache = new ResponseCache();

    private AtlasServer(CompletableFuture<CatalogIndex> catalogIndex) {
        this.catalogIndex = catalogIndex;
        this.siteIndex = catalogIndex.thenApplyAsync(index -> {
            index.prepare();
            return new SiteIndex(index);
        }, AtlasServer::runOnOwnThread);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            // Cached responses carry their own gzip form, so Javalin compressing again would only cost time.
            config.http.disableCompression();
        });
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
        });
        routes();
    }

    private SiteIndex site() {
        return siteIndex.join();
    }

    private CatalogIndex index() {
        return catalogIndex.join();
    }

    /** Runs the task on a new daemon thread, because the common pool has a single thread on two cores. */
    private static void runOnOwnThread(Runnable task) {
        Thread thread = new Thread(task, "atlas-site-index");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts a server on the host and port; port 0 picks a free port. */
    public static AtlasServer start(CatalogIndex index, String host, int port) {
        return start(CompletableFuture.completedFuture(index), host, port);
    }

    /**
     * Starts a server on the host and port while the catalog is still loading; requests wait
     * until {@code index} completes. Port 0 picks a free port.
     */
    public static AtlasServer start(CompletableFuture<CatalogIndex> index, String host, int port) {
        AtlasServer server = new AtlasServer(index);
        server.app.start(host, port);
        LOG.info("Detection Atlas listening on {}:{}", host, server.port());
        return server;
    }

    public int port() {
        return app.port();
    }

    public void stop() {
        app.stop();
    }

    private void routes() {
        get("/static/atlas.css", ctx -> serve(ctx, "text/css; charset=utf-8", this::stylesheet));
        get("/", ctx -> {
            if (rejectUnknownVendor(ctx)) {
                return;
            }
            String platform = param(ctx, "platform");
            if (!platform.isEmpty() && platforms.get().stream().noneMatch(platform::equalsIgnoreCase)) {
                badRequest(ctx, "Unknown platform '" + platform + "': expected one of "
                        + String.join(", ", platforms.get()) + ".");
                return;
            }
            servePage(ctx, () -> render("home.jte", HomePage.of(index(), param(ctx, "vendor"), platform)));
        });
        get("/techniques/{id}", this::techniquePage);
        get("/rules/{vendor}/<id>", this::rulePage);
        get("/fields/<field>", ctx -> {
            if (sendCached(ctx)) {
                return;
            }
            FieldPage page = FieldPage.of(site(), ctx.pathParam("field"), normalizer.get().spellings(ctx.pathParam("field")));
            if (!page.known()) {
                notFound(ctx);
                return;
            }
            servePage(ctx, () -> render("field.jte", page));
        });
        get("/indicators", ctx -> {
            if (sendCached(ctx)) {
                return;
            }
            if (param(ctx, "op").isEmpty()) {
                badRequest(ctx, "Missing op: an indicator page names a field, an operator and a value, such as"
                        + " /indicators?field=process.name&op=eq&value=cmd.exe.");
                return;
            }
            Optional<IndicatorPage> page = IndicatorPage.of(site(), param(ctx, "field"), param(ctx, "op"),
                    param(ctx, "value"));
            if (page.isEmpty()) {
                badRequest(ctx, "Unknown operator '" + param(ctx, "op") + "': expected one of eq, wildcard,"
                        + " regex_match, match, cidr, lt, lte, gt, gte, exists.");
                return;
            }
            servePage(ctx, () -> render("indicator.jte", page.get()));
        });
        get("/events/{provider}/{eventId}", ctx -> {
            if (sendCached(ctx)) {
                return;
            }
            EventPage page = EventPage.of(site(), new EventKey(ctx.pathParam("provider"), ctx.pathParam("eventId")));
            if (!page.known()) {
                notFound(ctx);
                return;
            }
            servePage(ctx, () -> render("event.jte", page));
        });
        get("/search", ctx -> servePage(ctx, () -> render("search.jte", SearchPage.of(site(), param(ctx, "q")))));
        get("/health", ctx -> servePage(ctx, () -> render("health.jte", HealthPage.of(index()))));
        get("/gaps", ctx -> servePage(ctx, () -> render("gaps.jte", GapsPage.of(index()))));

        get("/export/navigator.json", this::navigatorExport);
        get("/export/indicators.csv", this::indicatorExport);

        get("/api/v1/stats", ctx -> serveJson(ctx, () -> index().stats()));
        get("/api/v1/techniques", ctx -> serveJson(ctx, () -> index().coverage()));
        get("/api/v1/rules", this::ruleListing);
        get("/api/v1/diagnostics", ctx -> serveJson(ctx, () -> RuleListing.sourceDiagnostics(index().catalog())));
        get("/api/v1/techniques/{id}", ctx -> {
            boolean subtechniques = isSet(ctx.queryParam("subtechniques"));
            Optional<TechniqueReport> report = index().technique(ctx.pathParam("id"), subtechniques);
            if (report.isEmpty()) {
                jsonError(ctx, HttpStatus.NOT_FOUND, "Technique " + ctx.pathParam("id") + " not found.");
            } else {
                serveJson(ctx, report::get);
            }
        });
        get("/api/v1/events/{provider}/{eventId}", ctx -> {
            EventKey key = new EventKey(ctx.pathParam("provider"), ctx.pathParam("eventId"));
            Optional<EventReport> report = index().event(key);
            if (report.isEmpty()) {
                jsonError(ctx, HttpStatus.NOT_FOUND, "Event " + key.provider() + "/" + key.eventId() + " not found.");
            } else {
                serveJson(ctx, report::get);
            }
        });
        get("/api/v1/fields/unmapped", ctx -> serveJson(ctx, this::unmappedFields));
        get("/api/v1/rules/unmapped-events", ctx -> serveJson(ctx, () -> index().rulesWithoutEvents()));
        get("/api/v1/rules/{vendor}/<id>", ctx -> {
            Optional<RuleReport> report = findRule(ctx);
            if (report.isEmpty()) {
                jsonError(ctx, HttpStatus.NOT_FOUND, "Rule " + ctx.pathParam("vendor") + "/" + ctx.pathParam("id")
                        + " not found.");
            } else {
                serveJson(ctx, report::get);
            }
        });

        app.error(HttpStatus.NOT_FOUND, ctx -> {
            // Handlers that found nothing have already written a body of the right kind; Javalin's
            // own "endpoint not found" text is replaced.
            if (answered(ctx)) {
                return;
            }
            if (ctx.path().startsWith("/api/")) {
                jsonError(ctx, HttpStatus.NOT_FOUND, "No API endpoint at " + ctx.path() + ".");
            } else {
                notFound(ctx);
            }
        });
        app.error(HttpStatus.METHOD_NOT_ALLOWED, ctx -> {
            ctx.header("Allow", "GET, HEAD");
            if (ctx.path().startsWith("/api/")) {
                jsonError(ctx, HttpStatus.METHOD_NOT_ALLOWED, "The API is read-only: " + ctx.path()
                        + " accepts GET and HEAD only, not " + ctx.method() + ".");
            } else {
                ctx.contentType(HTML).result(render("error.jte", ErrorPage.methodNotAllowed(ctx.method().name(),
                        ctx.path())));
            }
        });
        app.exception(Exception.class, (exception, ctx) -> {
            LOG.error("Request {} {} failed", ctx.method(), ctx.path(), exception);
            if (ctx.path().startsWith("/api/")) {
                jsonError(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error; the server log has the details.");
            } else {
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(HTML)
                        .result(render("error.jte", ErrorPage.internal()));
            }
        });
    }

    /** Registers a GET route, and HEAD on the same handler so HEAD gets the same headers and no body. */
    private void get(String path, io.javalin.http.Handler handler) {
        app.get(path, handler);
        app.head(path, handler);
    }

    /** Lists rules filtered by {@code vendor}, {@code status} and {@code inactive=true}. */
    private void ruleListing(Context ctx) {
        String vendorText = ctx.queryParam("vendor");
        Optional<Vendor> vendor = vendorText == null ? Optional.empty() : Vendor.fromId(vendorText);
        if (vendorText != null && vendor.isEmpty()) {
            jsonError(ctx, HttpStatus.BAD_REQUEST, "Invalid vendor '" + vendorText + "': expected sigma, elastic or splunk.");
            return;
        }
        ParseStatus status;
        try {
            status = RuleListing.status(ctx.queryParam("status"));
        } catch (IllegalArgumentException e) {
            jsonError(ctx, HttpStatus.BAD_REQUEST, "Invalid status '" + ctx.queryParam("status")
                    + "': expected parsed, partial or failed.");
            return;
        }
        boolean inactive = "true".equals(ctx.queryParam("inactive"));
        serveJson(ctx, () -> RuleListing.list(index().catalog(), vendor.orElse(null), status, inactive));
    }

    /** Returns the unmapped fields with the coverage they leave, keys in a fixed order. */
    private Map<String, Object> unmappedFields() {
        Map<String, Object> tests = new java.util.LinkedHashMap<>();
        tests.put("windows", index().fieldCoverage().windowsTests());
        tests.put("all", index().fieldCoverage().allTests());
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("share", index().fieldCoverage().share());
        body.put("fieldTests", tests);
        body.put("fields", index().fieldCoverage().unmapped());
        return body;
    }

    /** Reads a flag query parameter: {@code 1} and {@code true} set it. */
    private static boolean isSet(String value) {
        return "1".equals(value) || "true".equalsIgnoreCase(value);
    }

    private static boolean answered(Context ctx) {
        String type = ctx.res().getContentType();
        return type != null && (type.startsWith(JSON) || type.startsWith("text/html") || type.startsWith("text/csv"));
    }

    private void techniquePage(Context ctx) {
        if (sendCached(ctx)) {
            return;
        }
        if (rejectUnknownVendor(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        boolean withSubtechniques = isSet(param(ctx, "subtechniques"));
        Optional<TechniqueReport> report = index().technique(id, withSubtechniques);
        if (report.isEmpty()) {
            notFound(ctx);
            return;
        }
        servePage(ctx, () -> render("technique.jte", TechniquePage.of(report.get(), param(ctx, "sort"),
                param(ctx, "vendor"), withSubtechniques)));
    }

    private void rulePage(Context ctx) {
        if (sendCached(ctx)) {
            return;
        }
        Optional<Vendor> vendor = Vendor.fromId(ctx.pathParam("vendor"));
        Optional<Rule> rule = vendor.flatMap(found -> index().catalog().rule(found, ctx.pathParam("id")));
        if (rule.isEmpty()) {
            notFound(ctx);
            return;
        }
        servePage(ctx, () -> render("rule.jte", RulePage.of(index().rule(rule.get().vendor(), rule.get().id())
                .orElseThrow(), rule.get())));
    }

    private Optional<RuleReport> findRule(Context ctx) {
        return Vendor.fromId(ctx.pathParam("vendor")).flatMap(vendor -> index().rule(vendor, ctx.pathParam("id")));
    }

    /** Layer of every active rule, or of one vendor's, one technique's or one search's active rules. */
    private void navigatorExport(Context ctx) {
        String vendor = param(ctx, "vendor");
        String query = param(ctx, "q");
        String technique = param(ctx, "technique").toUpperCase(Locale.ROOT);
        if (rejectUnknownVendor(ctx)) {
            return;
        }
        if (!technique.isEmpty() && index().technique(technique).isEmpty()) {
            notFoundItem(ctx, "Technique " + technique + " not found: neither ATT&CK nor any rule names it.");
            return;
        }
        serve(ctx, JSON, attachment("detection-atlas-layer.json"), () -> {
            List<Rule> rules = new ArrayList<>();
            String name = "Detection Atlas";
            if (!query.isEmpty()) {
                rules.addAll(site().searchRules(query));
                name += " · search " + query;
            } else if (!technique.isEmpty()) {
                rules.addAll(rulesOfTechnique(technique));
                name += " · " + technique;
            } else {
                index().catalog().rules().stream().filter(Rule::active).forEach(rules::add);
            }
            if (!vendor.isEmpty()) {
                rules.removeIf(rule -> !rule.vendor().id().equals(vendor.toLowerCase(Locale.ROOT)));
                name += " · " + vendor.toLowerCase(Locale.ROOT);
            }
            String description = "Active rules per technique (" + rules.size() + " rules); score = rules whose own tags"
                    + " name the technique.";
            return Json.write(NavigatorLayer.of(index().catalog(), rules, name, description))
                    .getBytes(StandardCharsets.UTF_8);
        });
    }

    /** Sends a 400 error page and returns true when the vendor parameter names no vendor. */
    private boolean rejectUnknownVendor(Context ctx) {
        String vendor = param(ctx, "vendor");
        if (vendor.isEmpty() || Vendor.fromId(vendor).isPresent()) {
            return false;
        }
        badRequest(ctx, "Unknown vendor '" + vendor + "': expected sigma, elastic or splunk.");
        return true;
    }

    private List<Rule> rulesOfTechnique(String id) {
        java.util.Set<Rule> rules = SiteIndex.ruleSet();
        rules.addAll(index().activeRules(id));
        for (Technique technique : index().catalog().techniques().values()) {
            if (id.equals(technique.parentId())) {
                rules.addAll(index().activeRules(technique.id()));
            }
        }
        return new ArrayList<>(rules);
    }

    /** Indicator rows of one technique's, one rule's, one field's or one indicator's rules. */
    private void indicatorExport(Context ctx) {
        String technique = param(ctx, "technique").toUpperCase(Locale.ROOT);
        String rule = param(ctx, "rule");
        String field = param(ctx, "field");
        String operator = param(ctx, "op");
        String value = param(ctx, "value");
        if (!technique.isEmpty()) {
            if (index().technique(technique).isEmpty()) {
                notFoundItem(ctx, "Technique " + technique + " not found: neither ATT&CK nor any rule names it.");
                return;
            }
            serve(ctx, CSV, attachment(technique + "-indicators.csv"), () -> csv(index().activeRules(technique),
                    predicate -> true));
        } else if (!rule.isEmpty()) {
            int slash = rule.indexOf('/');
            Optional<Rule> found = slash < 0 ? Optional.empty() : Vendor.fromId(rule.substring(0, slash))
                    .flatMap(vendor -> index().catalog().rule(vendor, rule.substring(slash + 1)));
            if (found.isEmpty()) {
                notFoundItem(ctx, "Rule " + rule + " not found: name it as vendor/id, such as"
                        + " rule=sigma/<rule id>.");
                return;
            }
            serve(ctx, CSV, attachment("rule-indicators.csv"), () -> csv(List.of(found.get()), predicate -> true));
        } else if (!operator.isEmpty()) {
            Optional<IndicatorPage> page = IndicatorPage.of(site(), field, operator, value);
            if (page.isEmpty()) {
                badRequest(ctx, "Unknown operator '" + operator + "'.");
                return;
            }
            IndicatorKey requested = new IndicatorKey(field.isEmpty() ? null : field,
                    IndicatorPage.parseOperator(operator).orElseThrow(), value.toLowerCase(Locale.ROOT));
            List<Rule> rules = new ArrayList<>();
            page.get().rules().forEach(ref -> index().catalog().rule(Vendor.fromId(ref.vendor()).orElseThrow(), ref.id())
                    .ifPresent(rules::add));
            serve(ctx, CSV, attachment("indicator.csv"), () -> csv(rules, predicate -> {
                IndicatorKey key = IndicatorKey.of(predicate);
                return key.equals(requested) || (predicate.caseSensitive() && key.equals(new IndicatorKey(requested.field(),
                        requested.operator(), value)));
            }));
        } else if (!field.isEmpty()) {
            List<Rule> rules = site().uses(field).stream().map(SiteIndex.Use::rule).distinct().toList();
            serve(ctx, CSV, attachment("field-indicators.csv"), () -> csv(rules,
                    predicate -> field.equals(predicate.field())));
        } else {
            badRequest(ctx, "Name what to export: technique=T1106, rule=sigma/<rule id>, field=<field>,"
                    + " or field=, op= and value= of an indicator.");
        }
    }

    private byte[] csv(List<Rule> rules, java.util.function.Predicate<org.detectionatlas.model.Predicate> filter) {
        List<Rule> sorted = new ArrayList<>(rules);
        sorted.sort(SiteIndex.byVendorAndTitle());
        return IndicatorCsv.write(sorted, index(), filter).getBytes(StandardCharsets.UTF_8);
    }

    private byte[] stylesheet() {
        try (var in = AtlasServer.class.getResourceAsStream("/org/detectionatlas/web/static/atlas.css")) {
            if (in == null) {
                throw new IllegalStateException("The stylesheet is missing from the class path.");
            }
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String attachment(String fileName) {
        return "attachment; filename=\"" + fileName.replaceAll("[^A-Za-z0-9._-]", "_") + "\"";
    }

    /** Returns a query parameter without control characters (a NUL would reach the page), or "". */
    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : CONTROL.matcher(value).replaceAll("");
    }

    private void servePage(Context ctx, Supplier<String> html) {
        serve(ctx, HTML, null, () -> html.get().getBytes(StandardCharsets.UTF_8));
    }

    private void serveJson(Context ctx, Supplier<Object> value) {
        String disposition = "1".equals(param(ctx, "download"))
                ? attachment(ctx.path().substring(ctx.path().lastIndexOf('/') + 1) + ".json") : null;
        serve(ctx, JSON, disposition, () -> Json.write(value.get()).getBytes(StandardCharsets.UTF_8));
    }

    private void serve(Context ctx, String contentType, Supplier<byte[]> body) {
        serve(ctx, contentType, null, body);
    }

    private static String cacheKey(Context ctx) {
        return ctx.queryString() == null ? ctx.path() : ctx.path() + "?" + ctx.queryString();
    }

    /** Sends the cached response of this URL, if there is one, so handlers skip building their page. */
    private boolean sendCached(Context ctx) {
        ResponseCache.Entry entry = cache.peek(cacheKey(ctx));
        if (entry == null) {
            return false;
        }
        send(ctx, entry);
        return true;
    }

    private void serve(Context ctx, String contentType, String disposition, Supplier<byte[]> body) {
        send(ctx, cache.get(cacheKey(ctx), () -> ResponseCache.Entry.of(contentType, disposition, body.get())));
    }

    private static void send(Context ctx, ResponseCache.Entry entry) {
        String accepted = ctx.header("Accept-Encoding");
        boolean gzip = entry.gzip() != null && accepted != null && accepted.contains("gzip");
        // The gzip form is another representation, so it gets its own entity tag.
        String etag = gzip ? entry.etag().substring(0, entry.etag().length() - 1) + "-gzip\"" : entry.etag();
        ctx.header("ETag", etag);
        ctx.header("Cache-Control", ResponseCache.CACHE_CONTROL);
        ctx.header("Vary", "Accept-Encoding");
        if (entry.disposition() != null) {
            ctx.header("Content-Disposition", entry.disposition());
        }
        ctx.contentType(entry.contentType());
        String match = ctx.header("If-None-Match");
        if (match != null && ("*".equals(match.strip()) || List.of(match.split("\\s*,\\s*")).contains(etag))) {
            ctx.status(HttpStatus.NOT_MODIFIED);
            return;
        }
        if (gzip) {
            ctx.header("Content-Encoding", "gzip");
            send(ctx, entry.gzip());
        } else {
            send(ctx, entry.body());
        }
    }

    /** Sends the bytes with a Content-Length, which spares clients the chunked encoding. */
    private static void send(Context ctx, byte[] bytes) {
        ctx.header("Content-Length", Integer.toString(bytes.length));
        ctx.result(bytes);
    }

    private void notFound(Context ctx) {
        ctx.status(HttpStatus.NOT_FOUND).contentType(HTML)
                .result(render("error.jte", ErrorPage.notFound(ctx.path(), suggestions(ctx.path()))));
    }

    private void notFoundItem(Context ctx, String message) {
        ctx.status(HttpStatus.NOT_FOUND).contentType(HTML).result(render("error.jte", ErrorPage.notFoundItem(message)));
    }

    private void badRequest(Context ctx, String message) {
        ctx.status(HttpStatus.BAD_REQUEST).contentType(HTML).result(render("error.jte", ErrorPage.badRequest(message)));
    }

    /** Suggests techniques whose id is near the last path segment, then rules whose id or title is. */
    private List<ErrorPage.Suggestion> suggestions(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        List<ErrorPage.Suggestion> out = new ArrayList<>();
        if (last.isEmpty()) {
            return out;
        }
        for (Technique technique : site().nearestTechniques(last, 5)) {
            out.add(new ErrorPage.Suggestion(technique.id() + " " + technique.name(), Urls.technique(technique.id())));
        }
        if (!path.startsWith("/techniques/")) {
            for (Rule rule : site().nearestRules(last, 5)) {
                out.add(new ErrorPage.Suggestion(rule.title() + " (" + rule.vendor().id() + ")",
                        Urls.rule(rule.vendor().id(), rule.id())));
            }
        }
        return out;
    }

    private String render(String template, Object page) {
        StringOutput output = new StringOutput();
        templates.render(template, Map.of("page", page), output);
        return output.toString();
    }

    private static void jsonError(Context ctx, HttpStatus status, String message) {
        ctx.status(status).contentType(JSON)
                .result(Json.write(Map.of("status", status.getCode(), "error", message)));
    }
}
