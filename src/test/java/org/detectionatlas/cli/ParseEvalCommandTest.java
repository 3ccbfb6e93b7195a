package org.detectionatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.detectionatlas.TestCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Small tricky Sigma rules, of the kinds other Sigma tools have got wrong, parsed and evaluated. */
class ParseEvalCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path folder;

    private int run(String... args) {
        CommandLine commandLine = AtlasCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path write(String name, String text) throws IOException {
        Path path = folder.resolve(name);
        Files.writeString(path, text);
        return path;
    }

    /** Returns the "match" value of each JSON line that eval printed. */
    private List<Boolean> matches() {
        List<Boolean> matches = new ArrayList<>();
        for (String line : out.toString().split("\n")) {
            matches.add(line.contains("\"match\":true"));
        }
        return matches;
    }

    private static final String EVENTS = """
            {"Image": "C:\\\\Windows\\\\System32\\\\WHOAMI.EXE", "User": "CORP\\\\bob"}
            {"Image": "C:\\\\Windows\\\\System32\\\\whoami.exe", "User": "NT AUTHORITY\\\\SYSTEM"}
            {"Image": "C:\\\\Windows\\\\System32\\\\whoami.exe", "User": null}
            {"CommandLine": "whoami /all /priv", "User": "bob"}
            {"CommandLine": "whoami /priv", "User": "bob"}
            """;

    @Test
    void nestedOneOfWithNullFilter() throws Exception {
        Path rule = write("r.yml", """
                title: nested 1 of with wildcards
                detection:
                    sel_img:
                        Image|endswith: '\\whoami.exe'
                    sel_cli:
                        CommandLine|contains|all:
                            - '/priv'
                            - '/all'
                    filter_main_sys:
                        User|startswith: 'NT AUTHORITY\\'
                    filter_opt_null:
                        User: null
                    condition: (1 of sel_*) and not 1 of filter_*
                """);
        Path events = write("e.jsonl", EVENTS);

        int parseCode = run("parse", rule.toString());
        String tree = out.toString();
        out.getBuffer().setLength(0);
        int evalCode = run("eval", "--rule", rule.toString(), "--events", events.toString(), "--json");

        assertThat(parseCode).isZero();
        assertThat(tree).isEqualTo("and(or(wildcard(Image, \"*\\\\\\\\whoami.exe\"), and(wildcard(CommandLine,"
                + " \"*/priv*\"), wildcard(CommandLine, \"*/all*\"))), not(or(wildcard(User, \"NT AUTHORITY\\\\\\\\*\"),"
                + " exists(User, \"false\"))))\n");
        assertThat(evalCode).isZero();
        assertThat(matches()).containsExactly(true, false, false, true, false);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void allOfThemSkipsUnderscoreSelections() throws Exception {
        Path rule = write("r.yml", """
                title: all of them
                detection:
                    selection:
                        CommandLine|windash|contains: ' -enc '
                    selection_b64:
                        CommandLine|base64offset|contains: 'IEX'
                    _unused:
                        Nope: 1
                    condition: all of them
                """);
        Path events = write("e.jsonl", """
                {"CommandLine": "powershell /enc SUVYIGFiYw=="}
                {"CommandLine": "powershell \\u2013enc xSUVYIGFiYw=="}
                {"CommandLine": "powershell -enc abc"}
                {"CommandLine": "powershell -enc SUVY", "Nope": 2}
                """);

        run("parse", rule.toString());
        String tree = out.toString();
        out.getBuffer().setLength(0);
        run("eval", "--rule", rule.toString(), "--events", events.toString(), "--json");

        assertThat(tree).isEqualTo("and(or(wildcard(CommandLine, \"* -enc *\"), wildcard(CommandLine, \"* /enc *\"),"
                + " wildcard(CommandLine, \"* \u2013enc *\"), wildcard(CommandLine, \"* \u2014enc *\"),"
                + " wildcard(CommandLine, \"* \u2015enc *\")), or(wildcard(CommandLine, \"*SUVY*\"),"
                + " wildcard(CommandLine, \"*lFW*\"), wildcard(CommandLine, \"*JRV*\")))\n");
        assertThat(matches()).containsExactly(true, true, false, true);
    }

    @Test
    void regexEscapesEmptyAndNumbers() throws Exception {
        Path rule = write("r.yml", """
                title: regex, escapes, empty and numbers
                detection:
                    sel_re:
                        CommandLine|re|i: 'invoke-(expression|webrequest)'
                    sel_star:
                        Path: 'C:\\temp\\what\\*'
                    sel_q: 'literal\\?'
                    sel_empty:
                        Description: ''
                    sel_num:
                        EventID: 4688
                        Port: '0443'
                    condition: sel_re or sel_star or sel_q or (sel_empty and sel_num)
                """);
        Path events = write("e.jsonl", """
                {"CommandLine": "IWR; INVOKE-WebRequest x"}
                {"CommandLine": "Invoke-Command x"}
                {"Path": "C:\\\\temp\\\\what*"}
                {"Path": "C:\\\\temp\\\\whatever"}
                {"Msg": "a literal? here"}
                {"Msg": "a literalX here"}
                {"Description": "", "EventID": "4688", "Port": "0443"}
                {"Description": "", "EventID": 4688, "Port": 443}
                {"Description": null, "EventID": 4688, "Port": "0443"}
                """);

        run("parse", rule.toString());
        String tree = out.toString();
        out.getBuffer().setLength(0);
        run("eval", "--rule", rule.toString(), "--events", events.toString(), "--json");

        assertThat(tree).isEqualTo("or(regex_match(CommandLine, \"(?i)invoke-(expression|webrequest)\"),"
                + " eq(Path, \"C:\\\\temp\\\\what*\"), match(\"literal\\\\?\"), and(eq(Description, \"\"),"
                + " eq(EventID, \"4688\"), eq(Port, \"0443\")))\n");
        assertThat(matches()).containsExactly(true, false, true, false, true, false, true, false, false);
    }

    @Test
    void evalTextNamesDecidingTests() throws Exception {
        Path rule = write("r.yml", """
                title: t
                detection:
                    selection:
                        Image|endswith: '\\cmd.exe'
                    filter:
                        User: SYSTEM
                    condition: selection and not filter
                """);
        Path events = write("e.json", """
                [{"Image": "C:\\\\cmd.exe", "User": "bob"}, {"Image": "C:\\\\cmd.exe", "User": "system"}]
                """);

        int code = run("eval", "--rule", rule.toString(), "--events", events.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo("""
                event 1: match by wildcard(Image, "*\\\\\\\\cmd.exe") match; eq(User, "SYSTEM") no match
                event 2: no match by eq(User, "SYSTEM") match
                """);
    }

    @Test
    void parsePrintsDiagnosticsOnStderr() throws Exception {
        Path rule = write("r.yml", """
                title: t
                detection:
                    selection:
                        Image|endswit: 'x'
                    condition: selektion
                """);

        int code = run("parse", rule.toString());

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo(
                "opaque(\"selektion\", reason \"invalid condition: undefined-selection\")\n");
        assertThat(err.toString()).isEqualTo(rule + ":4: invalid unknown-modifier: Unknown modifier 'endswit' in"
                + " 'Image|endswit'; expected a Sigma modifier such as contains, endswith or re"
                + " (did you mean 'endswith'?)\n"
                + rule + ":5: invalid undefined-selection: Condition 'selektion' names undefined selection"
                + " 'selektion' (did you mean 'selection'?).\n");
    }

    @Test
    void elasticKqlRuleParsesAndEvaluates() throws Exception {
        Path toml = write("r.toml", """
                [rule]
                rule_id = "r1"
                name = "Encoded PowerShell"
                type = "query"
                language = "kuery"
                query = '''
                process.name : "powershell.exe" and process.args : ("-enc" or "-e") and not user.name : SYSTEM
                '''
                """);
        Path events = write("e.jsonl", """
                {"process": {"name": "powershell.exe", "args": ["-nop", "-enc", "AAA"]}, "user": {"name": "bob"}}
                {"process.name": "POWERSHELL.EXE", "process.args": ["-enc"], "user.name": "bob"}
                {"process": {"name": "powershell.exe", "args": ["-enc"]}, "user": {"name": "SYSTEM"}}
                """);

        assertThat(run("parse", toml.toString())).isEqualTo(0);
        assertThat(out.toString()).isEqualTo("and(eq(process.name, \"powershell.exe\", cased), or(eq(process.args,"
                + " \"-enc\", cased), eq(process.args, \"-e\", cased)), not(eq(user.name, \"SYSTEM\", cased)))\n");
        out.getBuffer().setLength(0);
        assertThat(run("eval", "--json", "--rule", toml.toString(), "--events", events.toString())).isEqualTo(0);
        assertThat(matches()).containsExactly(true, false, false);
    }

    @Test
    void evalOfUnreadableRuleFails() throws Exception {
        Path toml = write("bad.toml", """
                [rule]
                rule_id = "r2"
                name = "Broken"
                type = "query"
                language = "kuery"
                query = "process.name:(cmd.exe or and"
                """);
        Path events = write("e.jsonl", "{\"process\": {\"name\": \"cmd.exe\"}}\n");

        assertThat(run("eval", "--quiet", "--rule", toml.toString(), "--events", events.toString())).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("event 1: unknown (the rule has no tree)\n");
    }

    @Test
    void splunkSearchParsesWithoutCorpus() throws Exception {
        Path splunk = write("s.yml", """
                name: Whoami
                id: s1
                search: '| tstats count from datamodel=Endpoint.Processes where Processes.process_name=whoami.exe
                  by Processes.dest | `drop_dm_object_name(Processes)`'
                """);

        assertThat(run("parse", splunk.toString())).isEqualTo(0);
        assertThat(out.toString()).isEqualTo("eq(Processes.process_name, \"whoami.exe\")\n");
    }

    @Test
    void parseReportsOpaquePartOnStderr() throws Exception {
        Path splunk = write("computed.yml", """
                name: Computed
                id: c1
                search: 'EventCode=1 | eval m=lower(CommandLine) | search m!=false'
                """);

        assertThat(run("parse", splunk.toString())).isEqualTo(0);
        assertThat(err.toString().lines().filter(line -> line.contains("not-modelled"))).containsExactly(
                "computed.yml:3: unsupported not-modelled: At column 50 of the expanded search: the part"
                        + " \"m!=false\" is kept as opaque text, not as predicates (filter on m, a field computed"
                        + " by an earlier eval).");
    }

    @Test
    void missingFilesAreFailures() {
        assertThat(run("parse", folder.resolve("none.yml").toString())).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("atlas: rule file " + folder.resolve("none.yml") + " not found.\n");
    }

    @Test
    void parseOfFolderExpectsRuleFile() {
        Path sigma = TestCorpus.root().resolve("sigma");

        int code = run("parse", sigma.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("atlas: " + sigma + " is a folder; expected a rule file (Sigma or"
                + " Splunk YAML, Elastic TOML). To read a whole corpus, run 'atlas stats --corpus DIR'.\n");
    }

    @Test
    void evalSkipsBrokenEventLines() throws Exception {
        Path rule = write("r.yml", """
                title: t
                detection:
                    selection:
                        Image|endswith: '\\cmd.exe'
                    condition: selection
                """);
        Path events = write("e.jsonl", """
                {"Image": "C:\\\\cmd.exe"}
                {"Image": "C:\\\\cmd.exe",

                42
                {"Image": "C:\\\\calc.exe"}
                """);

        int code = run("eval", "--quiet", "--rule", rule.toString(), "--events", events.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString()).isEqualTo("""
                event 1: match by wildcard(Image, "*\\\\\\\\cmd.exe") match
                event 4: no match by wildcard(Image, "*\\\\\\\\cmd.exe") no match
                """);
        assertThat(err.toString()).isEqualTo(events + ":2:25: invalid invalid-json: Event 2 is not valid JSON:"
                + " Unexpected end-of-input within/between Object entries. The event is skipped.\n"
                + events + ":4: invalid not-an-object: Event 3 is a JSON number, not an object; expected one JSON"
                + " object per line. The event is skipped.\n");
    }

    @Test
    void evalJsonNumbersEventsAroundBrokenLine() throws Exception {
        Path rule = write("r.yml", """
                title: t
                detection:
                    selection:
                        Image: 'a'
                    condition: selection
                """);
        Path events = write("e.jsonl", """
                {"Image": "b"}
                {"Image": }
                {"Image": "a"}
                """);

        int code = run("eval", "--json", "--rule", rule.toString(), "--events", events.toString());

        assertThat(code).isEqualTo(1);
        assertThat(out.toString().lines().map(line -> line.substring(0, line.indexOf(",\"rule\""))))
                .containsExactly("{\"event\":1", "{\"event\":3");
        assertThat(matches()).containsExactly(false, true);
        assertThat(out.toString()).contains("\"result\":\"no_match\"");
    }

    @Test
    void regressionShapeIsAccepted() throws Exception {
        Path rule = write("r.yml", """
                title: t
                detection:
                    selection:
                        EventID: 7
                        Provider_Name: Microsoft-Windows-Sysmon
                        ImageLoaded|endswith: '\\dbgcore.dll'
                    condition: selection
                """);
        Path events = write("e.json", """
                {"Event": {"System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon"}}, "EventID": 7},
                  "EventData": {"ImageLoaded": "C:\\\\Windows\\\\System32\\\\dbgcore.dll"}}}
                {"Event": {"System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon"}}, "EventID": 1},
                  "EventData": {"ImageLoaded": "C:\\\\Windows\\\\System32\\\\dbgcore.dll"}}}
                """);

        run("eval", "--rule", rule.toString(), "--events", events.toString(), "--json");

        assertThat(matches()).containsExactly(true, false);
    }
}
