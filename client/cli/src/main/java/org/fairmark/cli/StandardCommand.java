package org.fairmark.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.fairmark.domain.CanonicalJson;
import org.fairmark.domain.DomainException;
import org.fairmark.domain.ErrorCode;
import org.fairmark.domain.GradeDefinition;
import org.fairmark.domain.GradingStandard;
import org.fairmark.domain.Role;
import org.fairmark.domain.model.PublishedStandard;
import org.fairmark.domain.model.Requests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fairmark standard publish|get}: grading standards. */
@Command(name = "standard", description = "Grading standards: publish from a JSON file (inspector), read. 分级标准。",
        subcommands = {StandardCommand.Publish.class, StandardCommand.Get.class})
final class StandardCommand extends GroupCommand {

    @Command(name = "publish", description = {
        "Publish a grading standard from a JSON file (inspector). 发布标准。",
        "%nA version never changes once published. The file holds {\"code\", \"version\", \"product\","
            + " \"title\", \"grades\": [{\"name\", \"thresholds\": [{\"measurement\", \"bound\": \"MAX|MIN\","
            + " \"limit\"}]}]}, grades best first, the last one without thresholds."})
    static final class Publish extends FairmarkCommand {
        @Parameters(paramLabel = "FILE", description = "The standard as JSON (or {\"standard\": ...}).")
        Path file;

        @Mixin
        WriteOptions write;

        @Override
        int execute() {
            GradingStandard standard = read(root().context.workingDirectory().resolve(file));
            PublishedStandard published = client(Role.INSPECTOR).inspector()
                    .publishStandard(new Requests.PublishStandard(write.requestId, standard));
            out().json(published);
            out().say("standard.published", published.standard().code(), published.standard().version(),
                    grades(published.standard()), out().org(published.publisherOrg()));
            return 0;
        }

        static GradingStandard read(Path file) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, file + " does not exist");
            } catch (IOException e) {
                throw new CliException(ErrorCode.INVALID_ARGUMENT, "cannot read " + file + ": " + e.getMessage(), e);
            }
            try {
                JsonNode tree = CanonicalJson.tree(bytes);
                if (tree.has("standard") && tree.get("standard").isObject()) {
                    tree = tree.get("standard");
                }
                return CanonicalJson.read(tree.toString(), GradingStandard.class);
            } catch (DomainException e) {
                throw new CliException(e.code(), file.getFileName() + ": " + e.detail());
            }
        }
    }

    @Command(name = "get", description = "A published grading standard, the latest version unless --version. 查询标准。")
    static final class Get extends FairmarkCommand {
        @Parameters(paramLabel = "CODE")
        String code;

        @Option(names = "--version", paramLabel = "VERSION")
        String version;

        @Override
        int execute() {
            PublishedStandard published = readClient(null).participant().standard(code, version);
            out().json(published);
            GradingStandard standard = published.standard();
            out().say("standard.view", standard.code(), standard.version(), standard.title(), standard.product(),
                    out().org(published.publisherOrg()), published.publishedAt());
            for (GradeDefinition grade : standard.grades()) {
                StringBuilder line = new StringBuilder("  ").append(grade.name());
                grade.thresholds().forEach(threshold -> line.append("  ").append(threshold.measurement())
                        .append(threshold.bound() == org.fairmark.domain.Threshold.Bound.MAX ? " ≤ " : " ≥ ")
                        .append(threshold.limit()));
                out().line(line.toString());
            }
            return 0;
        }
    }

    static String grades(GradingStandard standard) {
        return String.join(" > ", standard.grades().stream().map(GradeDefinition::name).toList());
    }
}
