package org.detectionatlas.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.Optional;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.EventReport;
import org.detectionatlas.analyze.RuleReport;
import org.detectionatlas.analyze.TechniqueReport;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Vendor;
import org.detectionatlas.views.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: server-rendered pages and the JSON API over one {@link CatalogIndex}.
 *
 * <p>Pages: {@code /}, {@code /techniques/{id}}, {@code /rules/{vendor}/{id}}. API under
 * {@code /api/v1}: {@code techniques}, {@code techniques/{id}}, {@code rules/{vendor}/{id}},
 * {@code stats}. Unknown API paths and missing items get JSON errors, and pages get HTML errors.
 */
public final class AtlasServer {
    private static final Logger LOG = LoggerFactory.getLogger(AtlasServer.class);
    /** Only our own stylesheet and images; no script, no inline style, no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; img-src 'self' data:;"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Javalin app;
    private final CatalogIndex index;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(ContentType.Html);
    /** The catalog never changes while serving, so the home page model is built once. */
    private final HomePage homePage;

    private AtlasServer(CatalogIndex index) {
        this.index = index;
        this.homePage = HomePage.of(index);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/org/detectionatlas/web/static";
                files.location = Location.CLASSPATH;
            });
            config.http.prefer405over404 = false;
        });
        app.before(ctx -> {
            ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            ctx.header("X-Content-Type-Options", "nosniff");
            ctx.header("Referrer-Policy", "no-referrer");
        });
        routes();
    }

    /** Starts a server on the host and port; port 0 picks a free port. */
    public static AtlasServer start(CatalogIndex index, String host, int port) {
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
        app.get("/", ctx -> render(ctx, "home.jte", Map.of("page", homePage)));
        app.get("/techniques/{id}", this::techniquePage);
        app.get("/rules/{vendor}/<id>", this::rulePage);

        app.get("/api/v1/stats", ctx -> json(ctx, index.stats()));
        app.get("/api/v1/techniques", ctx -> json(ctx, index.coverage()));
        app.get("/api/v1/techniques/{id}", ctx -> {
            boolean subtechniques = "true".equalsIgnoreCase(ctx.queryParam("subtechniques"));
            Optional<TechniqueReport> report = index.technique(ctx.pathParam("id"), subtechniques);
            if (report.isEmpty()) {
                jsonError(ctx, HttpStatus.NOT_FOUND, "Technique " + ctx.pathParam("id") + " not found.");
            } else {
                json(ctx, report.get());
            }
        });
        app.get("/api/v1/events/{provider}/{eventId}", ctx -> {
            EventKey key = new EventKey(ctx.pathParam("provider"), ctx.pathParam("eventId"));
            Optional<EventReport> report = index.event(key);
            if (report.isEmpty()) {
                jsonError(ctx, HttpStatus.NOT_FOUND, "Event " + key.provider() + "/" + key.eventId() + " not found.");
            } else {
                json(ctx, report.get());
            }
        });
        app.get("/api/v1/fields/unmapped", ctx -> json(ctx, Map.of("share", index.fieldCoverage().share(),
                "fieldTests", Map.of("windows", index.fieldCoverage().windowsTests(),
                        "all", index.fieldCoverage().allTests()),
                "fields", index.fieldCoverage().unmapped())));
        app.get("/api/v1/rules/unmapped-events", ctx -> json(ctx, index.rulesWithoutEvents()));
        app.get("/api/v1/rules/{vendor}/<id>", ctx -> {
            Optional<RuleReport> report = findRule(ctx);
            if (report.isEmpty()) {
                jsonError(ctx, HttpStatus.NOT_FOUND, "Rule " + ctx.pathParam("vendor") + "/" + ctx.pathParam("id")
                        + " not found.");
            } else {
                json(ctx, report.get());
            }
        });

        app.error(HttpStatus.NOT_FOUND, ctx -> {
            // Handlers that found nothing have already written a body of the right kind; Javalin's
            // own "endpoint not found" text is replaced.
            boolean answered = ctx.res().getContentType() != null
                    && (ctx.res().getContentType().startsWith("application/json")
                    || ctx.res().getContentType().startsWith("text/html"));
            if (answered) {
                return;
            }
            if (ctx.path().startsWith("/api/")) {
                jsonError(ctx, HttpStatus.NOT_FOUND, "No API endpoint at " + ctx.path() + ".");
            } else {
                render(ctx, "error.jte", Map.of("page", ErrorPage.notFound(ctx.path())));
            }
        });
        app.exception(Exception.class, (exception, ctx) -> {
            LOG.error("Request {} {} failed", ctx.method(), ctx.path(), exception);
            if (ctx.path().startsWith("/api/")) {
                jsonError(ctx, HttpStatus.INTERNAL_SERVER_ERROR, "Internal error; the server log has the details.");
            } else {
                ctx.status(HttpStatus.INTERNAL_SERVER_ERROR);
                render(ctx, "error.jte", Map.of("page", ErrorPage.internal()));
            }
        });
    }

    private void techniquePage(Context ctx) {
        Optional<TechniqueReport> report = index.technique(ctx.pathParam("id"));
        if (report.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            render(ctx, "error.jte", Map.of("page", ErrorPage.notFound(ctx.path())));
            return;
        }
        render(ctx, "technique.jte", Map.of("page", TechniquePage.of(report.get())));
    }

    private void rulePage(Context ctx) {
        Optional<RuleReport> report = findRule(ctx);
        if (report.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
            render(ctx, "error.jte", Map.of("page", ErrorPage.notFound(ctx.path())));
            return;
        }
        render(ctx, "rule.jte", Map.of("page", RulePage.of(report.get())));
    }

    private Optional<RuleReport> findRule(Context ctx) {
        return Vendor.fromId(ctx.pathParam("vendor")).flatMap(vendor -> index.rule(vendor, ctx.pathParam("id")));
    }

    private void render(Context ctx, String template, Map<String, Object> params) {
        StringOutput output = new StringOutput();
        templates.render(template, params, output);
        ctx.html(output.toString());
    }

    private static void json(Context ctx, Object value) {
        ctx.contentType("application/json").result(Json.write(value));
    }

    private static void jsonError(Context ctx, HttpStatus status, String message) {
        ctx.status(status).contentType("application/json")
                .result(Json.write(Map.of("status", status.getCode(), "error", message)));
    }
}
