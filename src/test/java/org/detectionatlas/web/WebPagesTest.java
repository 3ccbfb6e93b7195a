package org.detectionatlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.views.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The pages, exports and HTTP behaviour over a small catalog holding hostile rule text. */
class WebPagesTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.of(() -> new CatalogIndex(WebFixtures.catalog()));

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return SERVER.get(path);
    }

    @Test
    void rulePageEscapesHostileText() throws Exception {
        String body = get("/rules/elastic/hostile").body();

        assertThat(body).doesNotContain("<script>", "<img", "<b>");
        assertThat(body).contains("<h1>&lt;script&gt;alert(\"x\")&lt;/script&gt; C:\\Temp 'quoted'</h1>");
        assertThat(body).contains("<title>&lt;script&gt;alert(\"x\")&lt;/script&gt; C:\\Temp 'quoted' · Detection Atlas</title>");
        assertThat(body).contains("<p class=\"description\">Finds \"&lt;img src=x&gt;\" in \\\\share</p>");
    }

    @Test
    void rulePageMarksQueryOffsets() throws Exception {
        String body = get("/rules/elastic/hostile").body();

        assertThat(body).contains("<pre class=\"query\"><mark title=\"process.name : &#34;cmd.exe&#34;\">"
                + "process.name : \"cmd.exe\"</mark> and <mark title=\"process.args : &#34;&lt;b>\\\\x\\&#34;&#34;\">"
                + "process.args : \"&lt;b&gt;\\\\x\\\"\"</mark></pre>");
    }

    @Test
    void rulePageMarksSigmaLines() throws Exception {
        String body = get("/rules/sigma/lines").body();

        assertThat(body).contains("<pre class=\"query\">detection:\n  selection:\n"
                + "<mark title=\"Image|endswith: &#39;\\cmd.exe&#39;\">    Image|endswith: '\\cmd.exe'\n</mark>"
                + "<mark title=\"CommandLine|contains: &#39;&lt;script>&#39;\">    CommandLine|contains: '&lt;script&gt;'\n</mark>"
                + "  condition: selection</pre>");
    }

    @Test
    void rulePageMarksSplunkExpandedSearch() throws Exception {
        String body = get("/rules/splunk/spl").body();

        assertThat(body).contains("<pre class=\"query\">search index=main <mark title=\"EventCode=1\">EventCode=1</mark> "
                + "<mark title=\"process_name=&#34;cmd.exe&#34;\">process_name=\"cmd.exe\"</mark></pre>");
        assertThat(body).contains("<h3>As written, before macro expansion</h3>\n<pre class=\"query\">`sysmon` EventCode=1"
                + " process_name=\"cmd.exe\"</pre>");
    }

    @Test
    void homeVendorFilterRecountsCells() throws Exception {
        String all = get("/").body();
        String splunk = get("/?vendor=splunk").body();

        assertThat(all).contains("<a class=\"cell heat2\" href=\"/techniques/T1059\" title=\"Sigma 2, Elastic 1, Splunk 2\">");
        assertThat(splunk).contains("<a class=\"cell heat1\" href=\"/techniques/T1059\" title=\"Sigma 0, Elastic 0, Splunk 2\">");
        assertThat(splunk).contains("<a class=\"cell heat0\" href=\"/techniques/T1106\" title=\"Sigma 0, Elastic 0, Splunk 0\">");
        assertThat(splunk).contains("<option value=\"splunk\" selected>splunk</option>");
    }

    @Test
    void homeShowsSubtechniquesInDetails() throws Exception {
        String body = get("/").body();

        assertThat(body).contains("<details class=\"subs\"><summary>1 sub-techniques</summary>");
        assertThat(body).contains("<a class=\"cell sub heat1\" href=\"/techniques/T1059.001\"");
    }

    @Test
    void homePlatformFilterHidesTechniques() throws Exception {
        String body = get("/?platform=Linux").body();

        assertThat(body).doesNotContain("href=\"/techniques/T1106\" title");
        assertThat(body).contains("<small>0 techniques</small>");
    }

    @Test
    void techniqueIncludesSubtechniquesOnRequest() throws Exception {
        String own = get("/techniques/T1059").body();
        String withSubs = get("/techniques/T1059?subtechniques=1").body();

        assertThat(own).contains("<h3 class=\"vendor-sigma\">sigma <small>1</small></h3>");
        assertThat(withSubs).contains("<h3 class=\"vendor-sigma\">sigma <small>2</small></h3>");
        assertThat(withSubs).contains("<h3 class=\"vendor-elastic\">elastic <small>1</small></h3>");
    }

    @Test
    void techniqueFiltersAndSortsRules() throws Exception {
        String body = get("/techniques/T1059?subtechniques=1&vendor=sigma&sort=parse").body();

        assertThat(body).doesNotContain("<h3 class=\"vendor-elastic\">");
        assertThat(body).containsSubsequence("Broken Rule", "Cmd With Script Tag");
        assertThat(body).contains("<strong>parse</strong>");
    }

    @Test
    void fieldPageListsSpellingsOperatorsAndValues() throws Exception {
        String body = get("/fields/process.name").body();

        assertThat(body).contains("<p class=\"meta\">5 tests in 5 rules");
        assertThat(body).contains("<rect class=\"op-eq\" x=\"0\" y=\"0\" width=\"600\" height=\"24\"><title>eq 5</title></rect>");
        assertThat(body).contains("<tr><td>eq</td><td><a href=\"/indicators?field=process.name&amp;op=eq&amp;value=rundll32.exe\">"
                + "<code>rundll32.exe</code></a></td><td class=\"num\">3</td></tr>");
    }

    @Test
    void indicatorPageGroupsRulesByTechnique() throws Exception {
        String body = get("/indicators?field=process.name&op=eq&value=RUNDLL32.EXE").body();

        assertThat(body).contains("3 rules test it");
        assertThat(body).contains("<span class=\"pill vendor-sigma\">sigma 1</span><span class=\"pill vendor-elastic\">elastic 1</span>"
                + "<span class=\"pill vendor-splunk\">splunk 1</span>");
        assertThat(body).containsSubsequence("/techniques/T1059\">T1059</a> Command and Scripting Interpreter",
                "Encoded Rundll32", "/techniques/T1106\">T1106</a> Native API", "Rundll32 Ordinal Call",
                "Rundll32 Full Access",
                "/techniques/T1685\">T1685</a>", "Rundll32 Full Access");
    }

    @Test
    void indicatorPageRejectsUnknownOperator() throws Exception {
        HttpResponse<String> response = get("/indicators?field=process.name&op=like&value=x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<p>Unknown operator 'like': expected one of eq, wildcard, regex_match,"
                + " match, cidr, lt, lte, gt, gte, exists.</p>");
    }

    @Test
    void searchGroupsByKind() throws Exception {
        String body = get("/search?q=cmd").body();

        assertThat(body).contains("<section class=\"results\" id=\"rules\">\n<h2>Rules <small class=\"muted\">2</small></h2>");
        assertThat(body).contains("<section class=\"results\" id=\"values\">");
        assertThat(body).doesNotContain("id=\"techniques\"");
    }

    @Test
    void eventPageListsRulesAndFields() throws Exception {
        String body = get("/events/Microsoft-Windows-Sysmon/1").body();

        assertThat(body).contains("<h1>Microsoft-Windows-Sysmon 1 · Process creation</h1>");
        assertThat(body).contains("<span class=\"pill vendor-sigma\">sigma 1</span><span class=\"pill vendor-elastic\">elastic 2</span>"
                + "<span class=\"pill vendor-splunk\">splunk 1</span>");
        assertThat(body).contains("<li><a href=\"/fields/process.name\"><code>process.name</code></a> (3)</li>");
    }

    @Test
    void healthPageCountsParseResults() throws Exception {
        String body = get("/health").body();

        assertThat(body).contains("<tr><td><a href=\"#sigma\">sigma</a></td><td class=\"num\">0</td><td class=\"num\">3</td>"
                + "<td class=\"num\">2</td><td class=\"num\">0</td><td class=\"num\">1</td>");
    }

    @Test
    void navigatorLayerScoresTechniques() throws Exception {
        HttpResponse<String> response = get("/export/navigator.json");
        JsonNode layer = Json.mapper().readTree(response.body());

        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"detection-atlas-layer.json\"");
        assertThat(layer.get("versions").get("layer").asText()).isEqualTo("4.5");
        assertThat(layer.get("versions").get("attack").asText()).isEqualTo("18");
        assertThat(layer.get("domain").asText()).isEqualTo("enterprise-attack");
        assertThat(layer.get("techniques").toString()).isEqualTo("[{\"techniqueID\":\"T1059\",\"score\":3,"
                + "\"comment\":\"rules: sigma 1, elastic 0, splunk 2\",\"enabled\":true,\"showSubtechniques\":false},"
                + "{\"techniqueID\":\"T1059.001\",\"score\":2,\"comment\":\"rules: sigma 1, elastic 1, splunk 0\","
                + "\"enabled\":true,\"showSubtechniques\":false},{\"techniqueID\":\"T1106\",\"score\":2,"
                + "\"comment\":\"rules: sigma 1, elastic 1, splunk 0\",\"enabled\":true,\"showSubtechniques\":false}]");
    }

    @Test
    void navigatorLayerPerVendorAndSearch() throws Exception {
        JsonNode splunk = Json.mapper().readTree(get("/export/navigator.json?vendor=splunk").body());
        JsonNode search = Json.mapper().readTree(get("/export/navigator.json?q=rundll32").body());

        assertThat(splunk.get("techniques").size()).isEqualTo(1);
        assertThat(splunk.get("techniques").get(0).get("score").asInt()).isEqualTo(2);
        assertThat(search.get("name").asText()).isEqualTo("Detection Atlas · search rundll32");
        assertThat(search.get("techniques").get(0).get("techniqueID").asText()).isEqualTo("T1059");
        assertThat(search.get("techniques").get(0).get("score").asInt()).isEqualTo(1);
    }

    @Test
    void indicatorCsvOfRule() throws Exception {
        HttpResponse<String> response = get("/export/indicators.csv?rule=elastic/hostile");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        assertThat(response.body()).isEqualTo("vendor,rule_id,rule_title,techniques,role,field,vendor_field,operator,"
                + "value,case_sensitive,corpus_reach\r\n"
                + "elastic,hostile,\"<script>alert(\"\"x\"\")</script> C:\\Temp 'quoted'\",T1059.001,indicator,"
                + "process.name,process.name,eq,cmd.exe,false,1\r\n"
                + "elastic,hostile,\"<script>alert(\"\"x\"\")</script> C:\\Temp 'quoted'\",T1059.001,indicator,"
                + "process.args,process.args,eq,\"<b>\\x\"\"\",false,1\r\n");
    }

    @Test
    void cachedPageAnswersEtagWith304() throws Exception {
        HttpResponse<String> first = get("/techniques/T1106");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> second = SERVER.send(SERVER.request("/techniques/T1106").header("If-None-Match", etag)
                .build());

        assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(etag).matches("\"[0-9a-f]{32}\"");
        assertThat(second.statusCode()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
    }

    @Test
    void gzipEtagMatchesOnlyTheGzipForm() throws Exception {
        HttpResponse<byte[]> zipped = SERVER.sendForBytes(SERVER.request("/techniques/T1106")
                .header("Accept-Encoding", "gzip").build());
        String etag = zipped.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> again = SERVER.sendForBytes(SERVER.request("/techniques/T1106")
                .header("Accept-Encoding", "gzip").header("If-None-Match", "\"other\", " + etag).build());
        HttpResponse<String> plain = SERVER.send(SERVER.request("/techniques/T1106").header("If-None-Match", etag)
                .build());

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(plain.statusCode()).isEqualTo(200);
    }

    @Test
    void pageIsGzippedOnRequest() throws Exception {
        HttpResponse<byte[]> response = SERVER.sendForBytes(SERVER.request("/").header("Accept-Encoding", "gzip").build());
        String plain = get("/").body();
        byte[] unzipped;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(response.body()))) {
            unzipped = in.readAllBytes();
        }

        assertThat(response.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(new String(unzipped, StandardCharsets.UTF_8)).isEqualTo(plain);
        assertThat(response.headers().firstValue("ETag").orElseThrow()).matches("\"[0-9a-f]{32}-gzip\"");
        assertThat(response.headers().firstValue("Content-Security-Policy"))
                .hasValue(AtlasServer.CONTENT_SECURITY_POLICY);
    }

    @Test
    void missingTechniqueSuggestsNearest() throws Exception {
        HttpResponse<String> response = get("/techniques/T1107");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("<li><a href=\"/techniques/T1106\">T1106 Native API</a></li>");
    }

    @Test
    void missingRuleSuggestsNearest() throws Exception {
        HttpResponse<String> response = get("/rules/sigma/line");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("<li><a href=\"/rules/sigma/lines\">Cmd With Script Tag (sigma)</a></li>");
    }

    @Test
    void unknownApiPathIsJsonError() throws Exception {
        HttpResponse<String> response = get("/api/v1/nothing");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(response.body()).get("error").asText())
                .isEqualTo("No API endpoint at /api/v1/nothing.");
    }
}
