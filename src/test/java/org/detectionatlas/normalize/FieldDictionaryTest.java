package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.detectionatlas.model.Vendor;
import org.junit.jupiter.api.Test;

class FieldDictionaryTest {

    private static final FieldDictionary DEFAULT = FieldDictionary.loadDefault();

    private static FieldDictionary parse(String rows) {
        String text = "# test\ncanonical\tvendor\tspelling\tscope\n" + rows;
        return FieldDictionary.from(TsvFile.parse("fields.tsv", new StringReader(text), FieldDictionary.HEADER, 3));
    }

    @Test
    void fromReportsInvalidRowsWithLines() {
        DataFileException error = catchThrowableOfType(DataFileException.class, () -> parse(
                "process.name\tsigma\tImage\n"
                        + "process.name\tqradar\tImage\n"
                        + "process name\tsigma\tX\n"
                        + "process.name\tsigma\tA B\n"
                        + "process.executable\tsigma\tImage\n"));

        assertThat(error.errors()).containsExactly(
                "fields.tsv line 4: vendor \"qradar\" is unknown, expected sigma, elastic or splunk",
                "fields.tsv line 5: canonical field \"process name\" is invalid, expected a name such as process.name",
                "fields.tsv line 6: spelling \"A B\" is invalid, expected a field name without spaces",
                "fields.tsv line 7: sigma spelling \"Image\" with scope \"\" is already mapped on line 3");
    }

    @Test
    void fromRejectsOverlappingScopes() {
        DataFileException error = catchThrowableOfType(DataFileException.class, () -> parse(
                "host.name\tsplunk\tdest\tProcesses,Registry\n"
                        + "destination.address\tsplunk\tdest\tWeb,Registry\n"));

        assertThat(error.errors()).containsExactly(
                "fields.tsv line 4: splunk spelling \"dest\" with scope \"Registry\" is already mapped on line 3");
    }

    @Test
    void canonicalPrefersScopedRow() {
        FieldDictionary dictionary = parse(
                "dll.path\tsigma\tImageLoaded\t\n"
                        + "file.path\tsigma\tImageLoaded\tdriver_load\n");

        assertThat(dictionary.canonical(Vendor.SIGMA, "ImageLoaded", Set.of("image_load"))).contains("dll.path");
        assertThat(dictionary.canonical(Vendor.SIGMA, "ImageLoaded", Set.of("driver_load"))).contains("file.path");
        assertThat(dictionary.canonical(Vendor.SIGMA, "ImageLoaded", Set.of())).contains("dll.path");
    }

    @Test
    void canonicalWithoutUnscopedRowNeedsScope() {
        FieldDictionary dictionary = parse("process.target.executable\tsigma\tTargetImage\tprocess_access,create_remote_thread\n");

        assertThat(dictionary.canonical(Vendor.SIGMA, "TargetImage", Set.of("create_remote_thread")))
                .contains("process.target.executable");
        assertThat(dictionary.canonical(Vendor.SIGMA, "TargetImage", Set.of("process_creation"))).isEmpty();
    }

    @Test
    void canonicalIsPerVendor() {
        FieldDictionary dictionary = parse("process.name\tsplunk\tprocess_name\n");

        assertThat(dictionary.canonical(Vendor.SPLUNK, "process_name", Set.of())).contains("process.name");
        assertThat(dictionary.canonical(Vendor.SIGMA, "process_name", Set.of())).isEqualTo(Optional.empty());
    }

    @Test
    void spellingsShowSplunkDatasetPrefix() {
        FieldDictionary dictionary = parse(
                "user.name\tsigma\tUser\n"
                        + "user.name\tsplunk\tUser\n"
                        + "user.name\tsplunk\tuser\tProcesses,Registry\n");

        assertThat(dictionary.spellings("user.name")).isEqualTo(Map.of(
                Vendor.SIGMA, List.of("User"),
                Vendor.SPLUNK, List.of("User", "Processes.user", "Registry.user")));
    }

    @Test
    void defaultMapsEveryVendorForProcessName() {
        assertThat(DEFAULT.spellings("process.command_line")).isEqualTo(Map.of(
                Vendor.SIGMA, List.of("CommandLine"),
                Vendor.ELASTIC, List.of("process.command_line"),
                Vendor.SPLUNK, List.of("process", "CommandLine", "Process_Command_Line")));
    }

    @Test
    void defaultHasCanonicalFieldCount() {
        assertThat(DEFAULT.canonicalFields()).hasSize(335);
    }

    @Test
    void defaultScopesSigmaImageFields() {
        assertThat(DEFAULT.canonical(Vendor.SIGMA, "TargetImage", Set.of("process_access")))
                .contains("process.target.executable");
        assertThat(DEFAULT.canonical(Vendor.SIGMA, "SourceImage", Set.of("process_access")))
                .contains("process.executable");
        assertThat(DEFAULT.canonical(Vendor.SIGMA, "Image", Set.of("image_load"))).contains("process.executable");
        assertThat(DEFAULT.canonical(Vendor.SIGMA, "OriginalFileName", Set.of("image_load")))
                .contains("dll.pe.original_file_name");
        assertThat(DEFAULT.canonical(Vendor.SIGMA, "OriginalFileName", Set.of("process_creation")))
                .contains("process.pe.original_file_name");
    }
}
