package org.detectionatlas.sources.splunk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.detectionatlas.sources.splunk.SplunkMacros.Expansion;
import org.detectionatlas.sources.splunk.SplunkMacros.Macro;
import org.junit.jupiter.api.Test;

class SplunkMacrosTest {

    private static final SplunkMacros MACROS = new SplunkMacros(Map.of(
            "sysmon", List.of(new Macro("sysmon", "source=Sysmon", List.of())),
            "ctime", List.of(new Macro("ctime", "convert ctime($field$)", List.of("field"))),
            "pair", List.of(new Macro("pair", "$a$=$b$", List.of("a", "b"))),
            "outer", List.of(new Macro("outer", "`sysmon` EventCode=1", List.of())),
            "loop", List.of(new Macro("loop", "x `loop`", List.of()))));

    @Test
    void expandsMacroWithoutArguments() {
        assertThat(MACROS.expand("`sysmon` a=1")).isEqualTo(new Expansion("source=Sysmon a=1", Set.of(), List.of()));
    }

    @Test
    void substitutesArguments() {
        assertThat(MACROS.expand("| `ctime(firstTime)` | `pair(user, \"a,b\")`").text())
                .isEqualTo("| convert ctime(firstTime) | user=\"a,b\"");
    }

    @Test
    void expandsNestedMacros() {
        assertThat(MACROS.expand("`outer`").text()).isEqualTo("source=Sysmon EventCode=1");
    }

    @Test
    void stopsRecursionAtMaxDepth() {
        Expansion expansion = MACROS.expand("`loop`");
        assertThat(expansion.text()).isEqualTo("x ".repeat(SplunkMacros.MAX_DEPTH) + "`loop`");
        assertThat(expansion.tooDeep()).containsExactly("`loop`");
    }

    @Test
    void dropsUndefinedFilterMacro() {
        Expansion expansion = MACROS.expand("a=1 | `my_rule_filter`");
        assertThat(expansion.text()).isEqualTo("a=1 | ");
        assertThat(expansion.undefined()).containsExactly("my_rule_filter");
    }

    @Test
    void keepsOtherUndefinedMacro() {
        Expansion expansion = MACROS.expand("| `drop_dm_object_name(Processes)`");
        assertThat(expansion.text()).isEqualTo("| `drop_dm_object_name(Processes)`");
        assertThat(expansion.undefined()).containsExactly("drop_dm_object_name");
    }

    @Test
    void wrongArgumentCountIsUndefined() {
        Expansion expansion = MACROS.expand("`ctime(a, b)`");
        assertThat(expansion.text()).isEqualTo("`ctime(a, b)`");
        assertThat(expansion.undefined()).containsExactly("ctime(2)");
    }

    @Test
    void leavesCommentsUnexpanded() {
        assertThat(MACROS.expand("a=1 ```uses `sysmon` here```").text()).isEqualTo("a=1 ```uses `sysmon` here```");
    }
}
