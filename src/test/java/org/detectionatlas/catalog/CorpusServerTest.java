package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.detectionatlas.views.Json;
import org.detectionatlas.web.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server over the real corpus, asked what a user asks first. */
class CorpusServerTest {
    @RegisterExtension
    static final TestServer SERVER = TestServer.of(() -> RealCatalog.index());

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return SERVER.get(path);
    }

    @Test
    void nativeApiJsonListsRulesAndEvents() throws Exception {
        HttpResponse<String> response = get("/api/v1/techniques/T1106");
        JsonNode json = Json.mapper().readTree(response.body());
        List<String> events = new ArrayList<>();
        json.get("events").forEach(event -> events.add(event.get("provider").asText() + " "
                + event.get("eventId").asText() + " " + event.get("title").asText()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json.get("rulesByVendor").get("sigma").asInt()).isEqualTo(14);
        assertThat(json.get("rulesByVendor").get("elastic").asInt()).isEqualTo(16);
        assertThat(events).contains("Microsoft-Windows-Sysmon 1 Process creation",
                "Microsoft-Windows-Sysmon 10 ProcessAccess",
                "Microsoft-Windows-Security-Auditing 4688 A new process has been created");
    }

    @Test
    void powershellPageShowsAnalyticEvents() throws Exception {
        String body = get("/techniques/T1059.001").body();

        assertThat(body).contains("<h2>Events ATT&amp;CK's analytics name</h2>");
        assertThat(body).contains("<td>PowerShell</td><td><a href=\"/events/Microsoft-Windows-PowerShell/4104\">4104</a>"
                + "</td><td>Creating Scriptblock text</td><td>yes</td>");
    }

    @Test
    void eventPageShowsDescriptionMarkdownAsHtml() throws Exception {
        String body = get("/events/Microsoft-Windows-Sysmon/1").body();

        assertThat(body).contains("<p class=\"description\">The <strong>process creation</strong> event provides"
                + " extended information");
        assertThat(body).doesNotContain("**process creation**");
    }

    @Test
    void serviceInstallEventHasKnownTitle() throws Exception {
        assertThat(get("/techniques/T1543.003").body()).contains("<a href=\"/events/Service%20Control%20Manager/7045\">7045"
                + "</a></td><td>A service was installed in the system <span class=\"muted\">(not in the event catalog)</span>");
    }

    @Test
    void lsassSearchReachesEveryVendor() throws Exception {
        String body = get("/search?q=lsass").body();

        assertThat(body).contains("href=\"/rules/sigma/");
        assertThat(body).contains("href=\"/rules/elastic/");
        assertThat(body).contains("href=\"/rules/splunk/");
    }

    @Test
    void gapsPageListsUnmappedFieldsAndRules() throws Exception {
        HttpResponse<String> response = get("/gaps");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("<h2>Unmapped fields <small>");
        assertThat(response.body()).contains("<h2>Rules without a catalog event <small>");
    }

    @Test
    void everyPageOfNativeApiRulesRenders() throws Exception {
        JsonNode rules = Json.mapper().readTree(get("/api/v1/techniques/T1106").body()).get("rules");

        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/techniques/T1106").statusCode()).isEqualTo(200);
        for (JsonNode rule : rules) {
            String path = "/rules/" + rule.get("vendor").asText() + "/" + rule.get("id").asText();
            assertThat(get(path).statusCode()).as(path).isEqualTo(200);
        }
    }
}
