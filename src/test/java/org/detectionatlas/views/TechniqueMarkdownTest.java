package org.detectionatlas.views;

import static org.assertj.core.api.Assertions.assertThat;
import static org.detectionatlas.analyze.Fixtures.eq;
import static org.detectionatlas.analyze.Fixtures.rule;
import static org.detectionatlas.analyze.Fixtures.wildcard;

import java.util.List;
import java.util.Map;
import org.detectionatlas.analyze.CatalogIndex;
import org.detectionatlas.catalog.Catalog;
import org.detectionatlas.catalog.RealCatalog;
import org.detectionatlas.model.Node;
import org.detectionatlas.model.Rule;
import org.detectionatlas.model.Tactic;
import org.detectionatlas.model.Technique;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

class TechniqueMarkdownTest {

    @Test
    void wildcardValuesLoseEscapes() {
        // The wildcard values are stored escaped, as *:\\Program Files (x86)\\*, but the EQ value is not.
        Node programFiles = new Node.And(List.of(wildcard("process.executable", "*:\\\\Program Files (x86)\\\\*"),
                eq("process.name", "C:\\a_b.exe"),
                new Node.Not(wildcard("process.parent.executable", "C:\\\\Windows\\\\*"))));
        Node literalStar = wildcard("process.executable", "*\\*star.exe");
        List<Rule> rules = List.of(
                rule(Vendor.SIGMA, "s1", "Program Files Call", true, List.of("T1106"), programFiles, List.of()),
                rule(Vendor.ELASTIC, "e1", "Star Name", true, List.of("T1106"), literalStar, List.of()));
        Technique nativeApi = new Technique("T1106", "Native API", "", List.of("execution"), null, List.of("Windows"),
                "https://attack.mitre.org/techniques/T1106/", false, false, true);
        Catalog catalog = new Catalog("/corpus", "18.1", List.of(new Tactic("TA0002", "execution", "Execution", 0)),
                Map.of("T1106", nativeApi), Map.of(), rules, Map.of(), List.of(), Map.of());

        String markdown = TechniqueMarkdown.render(new CatalogIndex(catalog).technique("T1106").orElseThrow());

        assertThat(markdown).isEqualTo("""
                # T1106 Native API

                Rules: sigma 1, elastic 1, splunk 0. ATT&CK: https://attack.mitre.org/techniques/T1106/

                ## Events

                | provider | event id | title | rules |
                |---|---|---|---|

                ## Fields filtered most

                | field | rules | operators | samples |
                |---|---|---|---|
                | process.executable | 2 | wildcard 2 | \\*:\\\\Program Files (x86)\\\\\\*, \\*\\*star.exe |
                | process.name | 1 | eq 1 | C:\\\\a\\_b.exe |
                | process.parent.executable | 1 | wildcard 1 | C:\\\\Windows\\\\\\* |

                ## Indicators

                | field | operator | value | rules | corpus reach |
                |---|---|---|---|---|
                | process.executable | wildcard | \\*:\\\\Program Files (x86)\\\\\\* | 1 |  |
                | process.executable | wildcard | \\*\\*star.exe | 1 |  |
                | process.name | eq | C:\\\\a\\_b.exe | 1 |  |

                ## Common exclusions

                | field | operator | value | rules |
                |---|---|---|---|
                | process.parent.executable | wildcard | C:\\\\Windows\\\\\\* | 1 |

                ## Rules

                ### sigma

                - Program Files Call (s1)

                ### elastic

                - Star Name (e1)
                """);
    }

    @Test
    void realNativeApiShowsPlainPaths() {
        String markdown = TechniqueMarkdown.render(RealCatalog.index().technique("T1106").orElseThrow());

        assertThat(markdown).contains("| \\*:\\\\Program Files (x86)\\\\\\*, ");
        assertThat(markdown).doesNotContain("\\\\\\\\");
    }
}
