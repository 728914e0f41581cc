package org.fairmark.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import org.fairmark.client.OrgDirectory;
import org.fairmark.domain.ErrorCode;

/**
 * Where a command writes: human lines (in the chosen language) or one JSON document on standard output; errors,
 * hints and progress on standard error.
 */
final class Output {
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final Language language;
    private Supplier<OrgDirectory> orgs = () -> OrgDirectory.EMPTY;
    private OrgDirectory directory;

    Output(PrintStream out, PrintStream err, boolean json, Language language) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.language = language;
    }

    boolean json() {
        return json;
    }

    Language language() {
        return language;
    }

    /** Where human output finds the organizations' names; read on first use (never in JSON mode). */
    void orgs(Supplier<OrgDirectory> orgs) {
        this.orgs = orgs;
        this.directory = null;
    }

    /**
     * An org for human output: its profile's name in the output language with the MSP id as the detail,
     * {@code 迁西县栗香板栗专业合作社（演示） (CoopMSP)}, or the MSP id alone; in JSON mode the MSP id, reading nothing.
     */
    String org(String mspId) {
        if (mspId == null) {
            return "";
        }
        if (json) {
            return mspId;
        }
        try {
            if (directory == null) {
                directory = orgs.get();
            }
            return directory.label(mspId, language.locale());
        } catch (org.fairmark.client.FairmarkException e) {
            // the command's own answer arrived; a name that cannot be read is no reason to fail it
            directory = OrgDirectory.EMPTY;
            return mspId;
        }
    }

    /** A GB/T 2260 code for human output: {@code 河北省 唐山市 迁西县 (130227)}, or the code alone if the table lacks it. */
    static String county(String code) {
        return code == null ? "" : org.fairmark.domain.AdministrativeDivisions.table().label(code);
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    /** A human line on standard output; nothing in JSON mode. */
    void line(String text) {
        if (!json) {
            out.println(text);
        }
    }

    /** The message {@code key} in the chosen language, on standard output; nothing in JSON mode. */
    void say(String key, Object... args) {
        line(text(key, args));
    }

    /** The JSON document of {@code value} on standard output, in JSON mode only. */
    void json(Object value) {
        if (json) {
            out.println(CliJson.write(value));
        }
    }

    /** A note for people on standard error, in any mode. */
    void note(String text) {
        err.println(text);
    }

    void error(String code, String detail) {
        err.println("error: " + code + ": " + detail);
    }

    /** In Chinese, what the error code means, on a second line of standard error. */
    void hint(ErrorCode code) {
        if (language == Language.ZH) {
            String meaning = lookup(Language.ZH, "code." + code.name());
            if (meaning != null) {
                err.println("提示：" + meaning);
            }
        }
    }

    /** The message {@code key} in the chosen language. */
    String text(String key, Object... args) {
        return text(language, key, args);
    }

    static String text(Language language, String key, Object... args) {
        String pattern = lookup(language, key);
        if (pattern == null) {
            pattern = lookup(Language.EN, key);
        }
        if (pattern == null) {
            throw new IllegalStateException("no message " + key);
        }
        return args.length == 0 ? pattern : String.format(Locale.ROOT, pattern, args);
    }

    private static String lookup(Language language, String key) {
        Locale locale = language == Language.ZH ? Locale.CHINESE : Locale.ROOT;
        try {
            return ResourceBundle.getBundle("org.fairmark.cli.messages", locale, Output.class.getClassLoader(), NO_FALLBACK)
                    .getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }
}
