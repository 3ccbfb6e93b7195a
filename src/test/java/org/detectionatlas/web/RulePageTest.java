package org.detectionatlas.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.Fixtures;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

class RulePageTest {

    private static RulePage page(Map<String, String> properties) {
        Rule rule = new Rule(Vendor.SPLUNK, "k9", "Story Rule", "", "splunk/detections/endpoint/k9.yml", "endpoint",
                true, "production", "40", "TTP", "spl", List.of("T1059"), List.of(), List.of(), Map.of(), "a=1",
                Fixtures.eq("a", "1"), List.of(), properties, List.of());
        Catalog base = Fixtures.catalog();
        Catalog catalog = new Catalog(base.corpusRoot(), base.attackVersion(), base.tactics(), base.techniques(),
                base.events(), List.of(rule), Map.of(), List.of(), Map.of());
        return RulePage.of(new CatalogIndex(catalog).rule(Vendor.SPLUNK, "k9").orElseThrow());
    }

    @Test
    void storiesLinkedWhereDefined() {
        RulePage page = page(Map.of("stories", "Living Off The Land\nUnknown Story",
                "storyLinks", "Living Off The Land\thttps://example.org/stories/lotl.yml"));
        assertThat(page.stories()).containsExactly(
                new RulePage.StoryLink("Living Off The Land", "https://example.org/stories/lotl.yml"),
                new RulePage.StoryLink("Unknown Story", ""));
    }

    @Test
    void noStoriesWithoutProperty() {
        assertThat(page(Map.of()).stories()).isEmpty();
    }
}
