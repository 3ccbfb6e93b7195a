package org.detectionatlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.Fixtures;
import org.detectionatlas.views.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AtlasServerTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.of(() -> new CatalogIndex(Fixtures.catalog()));

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return SERVER.get(path);
    }

    @Test
    void pagesWaitForLoadingCatalog() throws Exception {
        java.util.concurrent.CompletableFuture<CatalogIndex> loading = new java.util.concurrent.CompletableFuture<>();
        AtlasServer early = AtlasServer.start(loading, "127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + early.port();
            HttpClient client = HttpClient.newHttpClient();
            HttpResponse<String> stylesheet = client.send(HttpRequest.newBuilder(URI.create(base + "/static/atlas.css"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            java.util.concurrent.CompletableFuture<HttpResponse<String>> home = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + "/techniques/T1106")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(200);
            boolean answeredBeforeLoading = home.isDone();
            loading.complete(new CatalogIndex(Fixtures.catalog()));

            assertThat(stylesheet.statusCode()).isEqualTo(200);
            assertThat(answeredBeforeLoading).isFalse();
            assertThat(home.get().statusCode()).isEqualTo(200);
            assertThat(home.get().body()).contains("Rundll32 Full Access &lt;script&gt;");
        } finally {
            early.stop();
        }
    }

    @Test
    void headGetsPageHeadersWithoutBody() throws Exception {
        HttpRequest request = SERVER.request("/techniques/T1106")
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> head = SERVER.send(request);
        HttpResponse<String> page = get("/techniques/T1106");

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Content-Type")).hasValue("text/html;charset=utf-8");
        assertThat(head.headers().firstValue("Content-Length"))
                .hasValue(Integer.toString(page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        assertThat(head.headers().firstValue("ETag")).isEqualTo(page.headers().firstValue("ETag"));
    }

    @Test
    void postOnPageIsMethodNotAllowed() throws Exception {
        HttpRequest request = SERVER.request("/techniques/T1106")
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();
        HttpResponse<String> response = SERVER.send(request);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
        assertThat(response.body()).contains("The catalog is read-only: /techniques/T1106 accepts GET and HEAD only,"
                + " not POST.");
    }

    @Test
    void deleteOnApiIsJsonMethodNotAllowed() throws Exception {
        HttpRequest request = SERVER.request("/api/v1/stats")
                .DELETE().build();
        HttpResponse<String> response = SERVER.send(request);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(Json.mapper().readTree(response.body()).get("error").asText())
                .isEqualTo("The API is read-only: /api/v1/stats accepts GET and HEAD only, not DELETE.");
    }

    @Test
    void ruleJsonLeavesOutUnknownPositions() throws Exception {
        JsonNode indicator = Json.mapper().readTree(get("/api/v1/rules/sigma/s1").body()).get("indicators").get(0);

        assertThat(indicator.get("field").asText()).isEqualTo("process.name");
        assertThat(indicator.has("line")).isFalse();
        assertThat(indicator.has("start")).isFalse();
        assertThat(indicator.has("end")).isFalse();
    }

    @Test
    void indicatorPageWithoutOperatorExplainsTheParameters() throws Exception {
        HttpResponse<String> response = get("/indicators");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Missing op: an indicator page names a field, an operator and a value,"
                + " such as /indicators?field=process.name&amp;op=eq&amp;value=cmd.exe.");
    }

    @Test
    void exportsOfUnknownItemsAreNotFound() throws Exception {
        HttpResponse<String> rule = get("/export/indicators.csv?rule=sigma/nope");
        HttpResponse<String> layer = get("/export/navigator.json?technique=T9999");

        assertThat(rule.statusCode()).isEqualTo(404);
        assertThat(rule.body()).contains("Rule sigma/nope not found: name it as vendor/id, such as rule=sigma/&lt;rule id&gt;.");
        assertThat(layer.statusCode()).isEqualTo(404);
        assertThat(layer.body()).contains("Technique T9999 not found: neither ATT&amp;CK nor any rule names it.");
    }

    @Test
    void searchDropsControlCharacters() throws Exception {
        HttpResponse<String> response = get("/search?q=rund%00ll32");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain("\u0000");
        assertThat(response.body()).contains("value=\"rundll32\"");
    }

    @Test
    void gapsPageNamesExampleRuleByTitle() throws Exception {
        String body = get("/gaps").body();

        assertThat(body).contains("<td><code>GrantedAccess</code></td><td class=\"num\">1</td><td class=\"num\">0</td>"
                + "<td class=\"num\">1</td><td><a href=\"/rules/elastic/e1\">Rundll32 Full Access &lt;script&gt;</a></td>");
    }

    @Test
    void unknownVendorFilterIsBadRequest() throws Exception {
        HttpResponse<String> home = get("/?vendor=bogus");
        HttpResponse<String> technique = get("/techniques/T1106?vendor=bogus");

        assertThat(home.statusCode()).isEqualTo(400);
        assertThat(home.body()).contains("Unknown vendor 'bogus': expected sigma, elastic or splunk.");
        assertThat(technique.statusCode()).isEqualTo(400);
    }

    @Test
    void unknownTechniquePageNamesAttackVersion() throws Exception {
        assertThat(get("/techniques/T1685").body()).contains("<p class=\"notice\">This id is unknown to ATT&amp;CK 18.1."
                + " It is listed because rules name it.</p>");
    }

    @Test
    void unknownPlatformFilterIsBadRequest() throws Exception {
        HttpResponse<String> response = get("/?platform=Amiga");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Unknown platform 'Amiga': expected one of Windows.");
    }

    @Test
    void indicatorPageCountsActiveRulesApart() throws Exception {
        String body = get("/indicators?field=process.name&op=eq&value=mshta.exe").body();

        assertThat(body).contains("1 rule tests it, as an indicator or an exclusion, 0 of them active (corpus reach on"
                + " technique pages counts active rules only)");
        assertThat(body).contains("Old Mshta</a> <span class=\"muted\">sigma · deprecated · inactive</span>");
    }

    @Test
    void failedRulePageExplainsEmptyRows() throws Exception {
        String body = get("/rules/sigma/broken").body();

        assertThat(body).contains("<tr><th>events</th><td><span class=\"muted\">none: the rule could not be read</span>");
        assertThat(body).contains("<tr><th>log source</th><td><span class=\"muted\">none given</span>");
    }

    @Test
    void diagnosticJsonLeavesOutUnknownLine() throws Exception {
        String json = org.detectionatlas.views.Json.write(org.detectionatlas.model.Diagnostic.warning("a.yml", -1, "code",
                "message"));

        assertThat(Json.mapper().readTree(json).has("line")).isFalse();
        assertThat(Json.mapper().readTree(json).has("column")).isFalse();
        assertThat(Json.mapper().readTree(json).get("code").asText()).isEqualTo("code");
    }

    @Test
    void homePageShowsMatrixWithCounts() throws Exception {
        HttpResponse<String> response = get("/");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(AtlasServer.CONTENT_SECURITY_POLICY);
        assertThat(response.body()).contains("<a class=\"cell heat1\" href=\"/techniques/T1106\"");
        assertThat(response.body()).contains("<a href=\"/techniques/T1685\">T1685</a> (1)");
    }

    @Test
    void techniquePageEscapesRuleTitles() throws Exception {
        HttpResponse<String> response = get("/techniques/T1106");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("Rundll32 Full Access &lt;script&gt;");
        assertThat(response.body()).doesNotContain("<script>");
        assertThat(response.body()).contains("<td>Sysmon</td><td><a href=\"/events/Microsoft-Windows-Sysmon/1\">1</a></td><td>Process creation</td>");
    }

    @Test
    void eventJsonListsRulesAndTechniques() throws Exception {
        HttpResponse<String> response = get("/api/v1/events/Microsoft-Windows-Sysmon/1");
        JsonNode json = Json.mapper().readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.get("title").asText()).isEqualTo("Process creation");
        assertThat(json.get("rules").findValuesAsText("id")).containsExactly("s1", "e1");
        assertThat(json.get("techniques").get(0).get("id").asText()).isEqualTo("T1106");
        assertThat(json.get("techniques").get(0).get("rules").asInt()).isEqualTo(2);
        assertThat(json.get("filteredFields").get(0).get("field").asText()).isEqualTo("process.name");
        assertThat(json.get("filteredFields").get(0).get("rules").asInt()).isEqualTo(2);
    }

    @Test
    void eventJsonAnswersNotFound() throws Exception {
        HttpResponse<String> response = get("/api/v1/events/Microsoft-Windows-Sysmon/999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(response.body()).get("error").asText())
                .isEqualTo("Event Microsoft-Windows-Sysmon/999 not found.");
    }

    @Test
    void unmappedFieldsJsonCountsOccurrences() throws Exception {
        JsonNode json = Json.mapper().readTree(get("/api/v1/fields/unmapped").body());

        assertThat(json.get("share").get("all").asDouble()).isEqualTo(0.8571);
        assertThat(json.get("fieldTests").get("all").asInt()).isEqualTo(7);
        assertThat(json.get("fields").size()).isEqualTo(1);
        assertThat(json.get("fields").get(0).get("field").asText()).isEqualTo("GrantedAccess");
        assertThat(json.get("fields").get(0).get("vendor").asText()).isEqualTo("elastic");
    }

    @Test
    void rulesWithoutEventsJsonGivesReasons() throws Exception {
        JsonNode json = Json.mapper().readTree(get("/api/v1/rules/unmapped-events").body());

        assertThat(json.get("total").asInt()).isEqualTo(2);
        assertThat(json.get("rules").findValuesAsText("reason")).containsExactly(
                "sigma: product (none) has no event dictionary mapping", "splunk: no data source");
    }

    @Test
    void techniqueJsonIncludesSubtechniquesOnRequest() throws Exception {
        JsonNode json = Json.mapper().readTree(get("/api/v1/techniques/T1106?subtechniques=true").body());

        assertThat(json.get("includesSubtechniques").asBoolean()).isTrue();
    }

    @Test
    void techniqueJsonUsesTheDocumentedNames() throws Exception {
        HttpResponse<String> response = get("/api/v1/techniques/T1106");
        JsonNode json = Json.mapper().readTree(response.body());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json.get("id").asText()).isEqualTo("T1106");
        assertThat(json.get("name").asText()).isEqualTo("Native API");
        assertThat(json.get("events").get(0).get("provider").asText()).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(json.get("events").get(0).get("eventId").asText()).isEqualTo("1");
        assertThat(json.get("indicators").get(0).get("corpusReach").asInt()).isEqualTo(3);
        assertThat(json.get("exclusions").get(0).get("field").asText()).isEqualTo("process.parent.executable");
        assertThat(json.get("rules").size()).isEqualTo(2);
    }

    @Test
    void missingTechniqueIsJsonErrorOnApi() throws Exception {
        HttpResponse<String> response = get("/api/v1/techniques/T9999");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(response.body()).get("error").asText()).isEqualTo("Technique T9999 not found.");
    }

    @Test
    void unknownApiPathIsJsonError() throws Exception {
        HttpResponse<String> response = get("/api/v1/nothing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(response.body()).get("error").asText())
                .isEqualTo("No API endpoint at /api/v1/nothing.");
    }

    @Test
    void missingPageIsHtmlError() throws Exception {
        HttpResponse<String> response = get("/rules/sigma/nope");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(response.body()).contains("<h1>404 · Not found</h1>");
    }

    @Test
    void rulePageShowsTreeAndExclusions() throws Exception {
        HttpResponse<String> response = get("/rules/sigma/s1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<span class=\"label\">eq process.name \"rundll32.exe\"</span>");
        assertThat(response.body()).contains("<section id=\"exclusions\">");
    }

    @Test
    void ruleListingFiltersByStatus() throws Exception {
        JsonNode json = Json.mapper().readTree(get("/api/v1/rules?status=failed").body());

        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get(0).get("rule").get("id").asText()).isEqualTo("broken");
        assertThat(json.get(0).get("file").asText()).isEqualTo("sigma/rules/broken.yml");
    }

    @Test
    void ruleListingRejectsUnknownStatus() throws Exception {
        HttpResponse<String> response = get("/api/v1/rules?status=odd");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(response.body()).get("error").asText())
                .isEqualTo("Invalid status 'odd': expected parsed, partial or failed.");
    }

    @Test
    void statsJsonCountsVendors() throws Exception {
        JsonNode json = Json.mapper().readTree(get("/api/v1/stats").body());

        assertThat(json.get("vendors").get("sigma").get("active").get("failed").asInt()).isEqualTo(1);
        assertThat(json.get("vendors").get("elastic").get("rules").asInt()).isEqualTo(1);
    }
}
