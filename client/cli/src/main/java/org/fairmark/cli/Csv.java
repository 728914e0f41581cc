package org.fairmark.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.fairmark.domain.ErrorCode;

/**
 * A CSV file as spreadsheets write it (RFC 4180, parsed by Apache Commons CSV): a header row naming the columns,
 * commas, fields in double quotes when they hold commas, quotes or line breaks, CRLF or LF, an optional UTF-8 byte
 * order mark. Each row knows the line it starts on, so errors can name it; rows whose fields are all blank are
 * skipped.
 */
final class Csv {
    /** The largest file read unless raised ({@code import --max-bytes}), to keep memory bounded. */
    static final long MAX_BYTES = 64L * 1024 * 1024;
    /** The ceiling of {@code --max-bytes}: the file is decoded in memory. */
    static final long MAX_BYTES_CEILING = 512L * 1024 * 1024;

    /** One data row. */
    record Row(int line, List<String> values, Map<String, Integer> columns) {
        /** The value of column {@code name} (case-insensitive header), or {@code null} when absent or blank. */
        String get(String name) {
            Integer index = columns.get(name.toLowerCase(Locale.ROOT));
            if (index == null || index >= values.size()) {
                return null;
            }
            String value = values.get(index).strip();
            return value.isEmpty() ? null : value;
        }

        /** The row as the file holds it, for content hashes. */
        String canonical() {
            return String.join("\u001f", values.stream().map(String::strip).toList());
        }
    }

    private final List<String> header;
    private final List<Row> rows;

    private Csv(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    boolean hasColumn(String name) {
        return header.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The header's non-blank column names that are not in {@code known}, in file order. */
    List<String> unknownColumns(Collection<String> known) {
        return header.stream().filter(name -> !name.isEmpty() && !known.contains(name)).toList();
    }

    /**
     * The refusal of unknown columns: each named with the closest known column when one is near ("did you mean"),
     * then every known column, so a misspelt header never drops a value without a word.
     */
    static CliException unknownColumnsError(Path file, List<String> unknown, List<String> known, String remedy) {
        List<String> named = new ArrayList<>();
        for (String column : unknown) {
            String suggestion = closest(column, known);
            named.add("'" + column + "'" + (suggestion == null ? "" : " (did you mean '" + suggestion + "'?)"));
        }
        return new CliException(ErrorCode.INVALID_ARGUMENT, file.getFileName() + " line 1: unknown column"
                + (unknown.size() > 1 ? "s " : " ") + String.join(", ", named) + "; the known columns are "
                + String.join(", ", known) + (remedy == null ? "" : "; " + remedy));
    }

    /** The known name nearest to {@code name} by edit distance, when it is near enough to be a slip; else null. */
    static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = editDistance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, best.length() / 3) ? best : null;
    }

    /** Levenshtein distance: insertions, deletions and substitutions of one character. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * Reads and decodes {@code file} strictly in {@code charset}.
     *
     * @throws CliException {@link ErrorCode#INVALID_ARGUMENT} when the file is missing, too large, not in the
     *     encoding, or its quotes are unbalanced
     */
    static Csv read(Path file, Charset charset) {
        return read(file, charset, MAX_BYTES, "split it");
    }

    /**
     * Reads {@code file} of at most {@code maxBytes}.
     *
     * @param remedy what the {@link ErrorCode#PAYLOAD_TOO_LARGE} error suggests, e.g. a flag that raises the limit
     */
    static Csv read(Path file, Charset charset, long maxBytes, String remedy) {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new CliException(ErrorCode.PAYLOAD_TOO_LARGE, file.getFileName() + " has " + size
                        + " bytes, more than the limit of " + maxBytes + " bytes; " + remedy);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, file + " does not exist");
        } catch (IOException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot read " + file + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, file.getFileName() + " is not " + charset.name()
                    + " text" + (charset.name().equals("UTF-8") ? "; a spreadsheet may have saved it as GBK: try --encoding GBK" : ""));
        }
        return parse(file, text);
    }

    /**
     * The dialect: RFC 4180 as Commons CSV reads it, every record kept (blank ones are skipped here, after their line
     * is known), spaces around a quoted field ignored ({@code a, "b,c"}), the header read as an ordinary record.
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setIgnoreSurroundingSpaces(true)
            .get();
    /** Commons CSV names the line (from 1) on which an unclosed quoted field starts. */
    private static final Pattern UNCLOSED = Pattern.compile("\\(startline (\\d+)\\) EOF reached before encapsulated token");
    /** Commons CSV names the line (from 1) of text after a closing quote. */
    private static final Pattern AFTER_QUOTE =
            Pattern.compile("Invalid character between encapsulated token and delimiter at line: (\\d+)");

    /** Parses CSV text; {@code file} only names it in errors. */
    static Csv parse(Path file, String text) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<List<String>> records = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        LineCounter counter = new LineCounter(text);
        try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
            for (CSVRecord record : parser) {
                List<String> fields = record.toList();
                if (fields.stream().allMatch(String::isBlank)) {
                    continue;
                }
                records.add(fields);
                lines.add(counter.lineAt(record.getCharacterPosition()));
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            String message = String.valueOf(e.getMessage());
            Matcher unclosed = UNCLOSED.matcher(message);
            if (unclosed.find()) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, file.getFileName() + " line " + unclosed.group(1)
                        + ": a quoted field is not closed");
            }
            Matcher afterQuote = AFTER_QUOTE.matcher(message);
            if (afterQuote.find()) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, file.getFileName() + " line " + afterQuote.group(1)
                        + ": text after the closing quote of a field; a quoted field ends at a comma or the line end");
            }
            throw new CliException(ErrorCode.INVALID_ARGUMENT, file.getFileName() + " is not CSV: " + e.getMessage());
        }
        if (records.isEmpty()) {
            throw new CliException(ErrorCode.INVALID_ARGUMENT, file.getFileName() + " is empty: it needs a header row");
        }
        List<String> header = records.get(0).stream().map(name -> name.strip().toLowerCase(Locale.ROOT)).toList();
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                continue;
            }
            if (columns.putIfAbsent(header.get(i), i) != null) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, file.getFileName() + " line " + lines.get(0)
                        + ": column '" + header.get(i) + "' appears twice");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < records.size(); i++) {
            rows.add(new Row(lines.get(i), List.copyOf(records.get(i)), columns));
        }
        return new Csv(header, List.copyOf(rows));
    }

    /** The line (from 1) of a character position, for positions asked in increasing order. */
    private static final class LineCounter {
        private final String text;
        private int position;
        private int line = 1;

        LineCounter(String text) {
            this.text = text;
        }

        int lineAt(long characterPosition) {
            int target = (int) Math.min(characterPosition, text.length());
            for (; position < target; position++) {
                if (text.charAt(position) == '\n') {
                    line++;
                }
            }
            return line;
        }
    }

    static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new UsageException("unknown --encoding '" + name + "'");
        }
    }
}
