package org.fairmark.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.csv.CSVFormat;
import org.fairmark.domain.ErrorCode;
import org.fairmark.testkit.Property;
import org.junit.jupiter.api.Test;

/** CSV as spreadsheets write it, with the line each row starts on. */
class CsvTest {
    static final Path FILE = Path.of("rows.csv");

    @Test
    void reads_quotes_commas_line_breaks_crlf_and_a_byte_order_mark_and_keeps_line_numbers() {
        Csv csv = Csv.parse(FILE, "\uFEFFGtin, Lot ,Note\r\n"
                + "1,A,plain\r\n"
                + "\r\n"
                + "2,B,\"with, comma and \"\"quotes\"\"\"\r\n"
                + "3,C,\"two\nlines\"\n"
                + ",,\n"
                + "4,D,last");

        assertThat(csv.header()).containsExactly("gtin", "lot", "note");
        assertThat(csv.rows()).extracting(Csv.Row::line).containsExactly(2, 4, 5, 8);
        assertThat(csv.rows().get(1).get("NOTE")).isEqualTo("with, comma and \"quotes\"");
        assertThat(csv.rows().get(2).get("note")).isEqualTo("two\nlines");
        assertThat(csv.rows().get(3).get("lot")).isEqualTo("D");
        assertThat(csv.rows().get(0).get("missing")).isNull();
    }

    @Test
    void refuses_an_unclosed_quote_a_repeated_column_and_an_empty_file() {
        CliException unclosed = catchThrowableOfType(CliException.class, () -> Csv.parse(FILE, "a,b\n1,\"open\n2,3\n"));
        CliException repeated = catchThrowableOfType(CliException.class, () -> Csv.parse(FILE, "a,A\n1,2\n"));
        CliException empty = catchThrowableOfType(CliException.class, () -> Csv.parse(FILE, "\n\n"));

        assertThat(unclosed.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(unclosed.detail()).isEqualTo("rows.csv line 2: a quoted field is not closed");
        assertThat(repeated.detail()).contains("column 'a' appears twice");
        assertThat(empty.detail()).contains("needs a header row");
    }

    @Test
    void ignores_spaces_around_a_quoted_field_and_skips_blank_rows_before_the_header() {
        Csv csv = Csv.parse(FILE, " , ,\r\nGtin, Note\r\n1,  \"a, b\"  \r\n");

        assertThat(csv.header()).containsExactly("gtin", "note");
        assertThat(csv.rows()).extracting(Csv.Row::line).containsExactly(3);
        assertThat(csv.rows().get(0).get("note")).isEqualTo("a, b");
    }

    @Test
    void names_the_line_an_unclosed_quote_opens_on_after_a_multi_line_field_and_refuses_text_after_a_quote() {
        CliException unclosed = catchThrowableOfType(CliException.class,
                () -> Csv.parse(FILE, "a,b\r\n1,\"two\r\nlines\"\r\n2,\"open\r\n3,4\r\n"));
        CliException trailing = catchThrowableOfType(CliException.class,
                () -> Csv.parse(FILE, "a,b\n1,2\n3,\"x\"y\n"));

        assertThat(unclosed.detail()).isEqualTo("rows.csv line 4: a quoted field is not closed");
        assertThat(trailing.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        assertThat(trailing.detail()).startsWith("rows.csv line 3: ");
    }

    @Test
    void any_values_written_with_quote_read_back_unchanged_on_the_right_lines() {
        Property.forAll(random -> rows(random), rows -> {
            StringBuilder text = new StringBuilder("a,b,c\n");
            List<Integer> expectedLines = new ArrayList<>();
            int line = 2;
            for (List<String> row : rows) {
                expectedLines.add(line);
                text.append(CSVFormat.RFC4180.builder().setRecordSeparator('\n').get().format(row.toArray())).append('\n');
                line += 1 + row.stream().mapToInt(value -> (int) value.chars().filter(c -> c == '\n').count()).sum();
            }

            Csv csv = Csv.parse(FILE, text.toString());

            assertThat(csv.rows()).hasSize(rows.size());
            for (int i = 0; i < rows.size(); i++) {
                assertThat(csv.rows().get(i).values()).isEqualTo(rows.get(i));
                assertThat(csv.rows().get(i).line()).isEqualTo(expectedLines.get(i));
            }
        });
    }

    private static List<List<String>> rows(Random random) {
        List<List<String>> rows = new ArrayList<>();
        int count = random.nextInt(1, 6);
        for (int i = 0; i < count; i++) {
            List<String> row = new ArrayList<>();
            for (int j = 0; j < 3; j++) {
                row.add(Property.from(random, "ab ,\"\n\r中x1", 0, 8).replace("\r", ""));
            }
            // a row whose fields are all blank is skipped like a spreadsheet's empty row: keep one non-blank field
            row.set(0, "k" + row.get(0));
            rows.add(row);
        }
        return rows;
    }
}
