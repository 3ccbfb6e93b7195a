package org.detectionatlas.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.analyze.EventReport;
import org.detectionatlas.analyze.RulesWithoutEvents;
import org.detectionatlas.model.EventKey;
import org.detectionatlas.model.Rule;
import org.junit.jupiter.api.Test;

/** Event reports and rules without events on the real corpus. */
class EventReportCorpusTest {
    private final CatalogIndex index = RealCatalog.index();

    @Test
    void sysmonProcessCreationListsFilteredFields() {
        EventReport report = index.event(new EventKey("Microsoft-Windows-Sysmon", "1")).orElseThrow();

        assertThat(report.title()).isEqualTo("Process creation");
        assertThat(report.rules()).hasSizeGreaterThan(1000);
        assertThat(report.fields()).filteredOn(field -> field.name().equals("CommandLine")).singleElement()
                .satisfies(field -> assertThat(field.rules()).isGreaterThan(500));
        assertThat(report.filteredFields()).anySatisfy(field -> {
            assertThat(field.field()).isEqualTo("process.command_line");
            assertThat(field.eventField()).isEqualTo("CommandLine");
        });
        assertThat(report.techniques()).isNotEmpty();
    }

    @Test
    void lazyEtwEventHasReport() {
        EventReport report = index.event(new EventKey("Microsoft-Windows-Kernel-Process", "1")).orElseThrow();

        assertThat(report.title()).isEqualTo("ProcessStart");
        assertThat(report.inCatalog()).isTrue();
    }

    @Test
    void unknownEventHasNoReport() {
        assertThat(index.event(new EventKey("Microsoft-Windows-Sysmon", "999"))).isEmpty();
    }

    @Test
    void unmappedEventRulesCountAll() {
        RulesWithoutEvents unmapped = index.rulesWithoutEvents();
        long expected = index.catalog().rules().stream().filter(Rule::active).filter(rule -> rule.events().isEmpty())
                .count();

        assertThat(unmapped.total()).isEqualTo(expected);
        assertThat(unmapped.byReason().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(unmapped.total());
        assertThat(unmapped.byReason()).containsKey("sigma: product azure has no event dictionary mapping");
    }

    @Test
    void statsCountParsedAndIndexedEvents() {
        assertThat(index.stats().events()).isEqualTo(32287);
    }
}
