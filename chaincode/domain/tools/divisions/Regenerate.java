import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes Fairmark's GB/T 2260 division table from the summary table {@code result.csv} of the CC0 data set
 * yescallop/areacodes (MCA's 县级以上行政区划代码 from 1981 on, with old-to-new code mappings).
 *
 * <p>Run with {@code java Regenerate.java <result.csv> <source-commit> <output>} (JDK 17 single-file launch;
 * regenerate.sh does that). The output depends only on the CSV's bytes and the commit named: rows sorted by
 * code, LF line ends, no time stamp.
 *
 * <p>Output lines, tab separated, after {@code #} comment lines:
 * <ul>
 *   <li>{@code code name} — a division in use (level follows from the code: XX0000 province, XXYY00
 *       prefecture, else county);
 *   <li>{@code code fullName retiredYear successors} — a code no longer in use: the full name it had
 *       (province, prefecture, own name, space separated), the year it left the table and the codes that took
 *       over its area ({@code ,}-separated, {@code -} when the source names none).
 * </ul>
 */
public final class Regenerate {
    private record Row(String code, String province, String prefecture, String name, String level, String status,
            int start, int end, List<String> successors) {}

    public static void main(String[] args) throws IOException, NoSuchAlgorithmException {
        if (args.length != 3) {
            System.err.println("usage: java Regenerate.java <result.csv> <source-commit> <output>");
            System.exit(2);
        }
        byte[] csv = Files.readAllBytes(Path.of(args[0]));
        String commit = args[1];
        if (!commit.matches("[0-9a-f]{40}")) {
            throw new IllegalArgumentException("source commit must be 40 hex digits: " + commit);
        }
        String text = new String(csv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = text.lines().toList();
        if (!lines.get(0).equals("代码,一级行政区,二级行政区,名称,级别,状态,启用时间,变更/弃用时间,新代码")) {
            throw new IllegalStateException("unexpected header: " + lines.get(0));
        }
        Map<String, List<Row>> byCode = new TreeMap<>();
        int latestYear = 0;
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 9 || !f[0].matches("\\d{6}")) {
                throw new IllegalStateException("unexpected row: " + line);
            }
            List<String> successors = new ArrayList<>();
            if (!f[8].isEmpty()) {
                for (String s : f[8].split(";")) {
                    String code = s.replaceAll("\\[\\d{4}\\]$", "");
                    if (!code.matches("\\d{6}")) {
                        throw new IllegalStateException("unexpected successor " + s + " in " + line);
                    }
                    if (!code.equals(f[0]) && !successors.contains(code)) {
                        successors.add(code);
                    }
                }
            }
            int start = Integer.parseInt(f[6]);
            int end = f[7].isEmpty() ? 0 : Integer.parseInt(f[7]);
            latestYear = Math.max(latestYear, Math.max(start, end));
            byCode.computeIfAbsent(f[0], k -> new ArrayList<>())
                    .add(new Row(f[0], f[1], f[2], f[3], f[4], f[5], start, end, successors));
        }

        List<String> current = new ArrayList<>();
        List<String> retired = new ArrayList<>();
        int provinces = 0, prefectures = 0, counties = 0;
        for (Map.Entry<String, List<Row>> e : byCode.entrySet()) {
            List<Row> rows = e.getValue();
            Row inUse = null;
            Row latest = null;
            for (Row r : rows) {
                if (r.status().equals("在用")) {
                    if (inUse != null) {
                        throw new IllegalStateException("two rows in use for " + e.getKey());
                    }
                    inUse = r;
                }
                if (latest == null || r.end() > latest.end()) {
                    latest = r;
                }
            }
            if (inUse != null) {
                requireLevel(inUse);
                current.add(inUse.code() + "\t" + inUse.name());
                switch (inUse.level()) {
                    case "省级" -> provinces++;
                    case "地级" -> prefectures++;
                    default -> counties++;
                }
            } else {
                requireLevel(latest);
                Set<String> path = new LinkedHashSet<>();
                path.add(latest.province());
                if (!latest.prefecture().isEmpty() && !latest.prefecture().equals("直辖")) {
                    path.add(latest.prefecture());
                }
                path.add(latest.name());
                String successors = latest.successors().isEmpty() ? "-" : String.join(",", latest.successors());
                retired.add(latest.code() + "\t" + String.join(" ", path) + "\t" + latest.end() + "\t" + successors);
            }
        }

        StringBuilder out = new StringBuilder();
        out.append("# GB/T 2260 administrative divisions of the People's Republic of China (县级以上行政区划代码)\n");
        out.append("# Generated by chaincode/domain/tools/divisions/regenerate.sh; do not edit by hand.\n");
        out.append("# source: https://github.com/yescallop/areacodes result.csv at commit ").append(commit).append('\n');
        out.append("# source sha256: ").append(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(csv)))
                .append('\n');
        out.append("# source data: Ministry of Civil Affairs (民政部) code lists and change records, 1981-")
                .append(latestYear).append(", as of ").append(latestYear).append("-12-31\n");
        out.append("# licence: CC0 1.0 Universal (public domain dedication) for the source data set\n");
        out.append("# version: ").append(latestYear).append('\n');
        out.append("# in use: ").append(provinces).append(" provinces, ").append(prefectures).append(" prefectures, ")
                .append(counties).append(" counties; retired codes: ").append(retired.size()).append('\n');
        out.append("# lines: code<TAB>name (in use) | code<TAB>full name<TAB>year retired<TAB>successors or -\n");
        for (String line : current) {
            out.append(line).append('\n');
        }
        for (String line : retired) {
            out.append(line).append('\n');
        }
        Files.writeString(Path.of(args[2]), out.toString(), StandardCharsets.UTF_8);
        System.out.println("wrote " + args[2] + ": " + current.size() + " in use, " + retired.size() + " retired");
    }

    private static void requireLevel(Row r) {
        String expected = r.code().endsWith("0000") ? "省级" : r.code().endsWith("00") ? "地级" : "县级";
        if (!r.level().equals(expected)) {
            throw new IllegalStateException(r.code() + " is " + r.level() + ", expected " + expected);
        }
    }
}
