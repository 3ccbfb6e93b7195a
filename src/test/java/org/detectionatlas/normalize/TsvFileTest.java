package org.detectionatlas.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TsvFileTest {

    private static final List<String> HEADER = List.of("a", "b", "c");

    private static TsvFile parse(String text) {
        return TsvFile.parse("test.tsv", new StringReader(text), HEADER, 2);
    }

    @Test
    void parseSkipsCommentsAndPadsOptionalCells() {
        TsvFile file = parse("# comment\n\na\tb\tc\n# another\nx\ty\n1\t2\t3\n");

        assertThat(file.rows()).containsExactly(
                new TsvFile.Row(5, List.of("x", "y", "")),
                new TsvFile.Row(6, List.of("1", "2", "3")));
    }

    @Test
    void parseDropsTrailingEmptyCells() {
        TsvFile file = parse("a\tb\tc\nx\ty\t\t\n");

        assertThat(file.rows()).containsExactly(new TsvFile.Row(2, List.of("x", "y", "")));
    }

    @Test
    void parseReportsEveryBadRowWithLine() {
        DataFileException error = catchThrowableOfType(DataFileException.class,
                () -> parse("a\tb\tc\nonly-one\nx\ty\tz\tw\nok\tfine\n"));

        assertThat(error.file()).isEqualTo("test.tsv");
        assertThat(error.errors()).containsExactly(
                "test.tsv line 2: found 1 tab-separated columns, expected 2 to 3 (a, b, c)",
                "test.tsv line 3: found 4 tab-separated columns, expected 2 to 3 (a, b, c)");
    }

    @Test
    void parseRejectsWrongHeader() {
        DataFileException error = catchThrowableOfType(DataFileException.class, () -> parse("a\tc\tb\nx\ty\n"));

        assertThat(error.errors()).containsExactly(
                "test.tsv line 1: header is \"a\\tc\\tb\", expected \"a\\tb\\tc\"");
    }

    @Test
    void parseRejectsMissingHeader() {
        DataFileException error = catchThrowableOfType(DataFileException.class, () -> parse("# only comments\n"));

        assertThat(error.errors()).containsExactly("test.tsv: header line \"a\\tb\\tc\" is missing");
    }

    @Test
    void parseRejectsOverlongLine() {
        String longLine = "x".repeat(TsvFile.MAX_LINE_LENGTH + 1);
        DataFileException error = catchThrowableOfType(DataFileException.class,
                () -> parse("a\tb\tc\n" + longLine + "\n"));

        assertThat(error.errors()).containsExactly("test.tsv line 2: line is 10001 characters long, expected at most 10000");
    }
}
