package org.fairmark.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The run of {@code ./fairmark} that writes the AppCDS archive (the first after a build, with system property
 * {@value #PROPERTY}) also loads the classes of the read path ({@value #CLASS_LIST}), so that a read command on a
 * stopped network maps them from the archive even when another command wrote it. Loading is not initialising: no
 * static initialiser runs.
 */
final class CdsTraining {
    static final String PROPERTY = "fairmark.cds.training";
    static final String CLASS_LIST = "cds-read-path.classlist";

    private CdsTraining() {}

    /** Loads the listed classes when this run writes the archive; returns how many loaded. */
    static int loadIfTraining() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return 0;
        }
        int loaded = 0;
        ClassLoader loader = CdsTraining.class.getClassLoader();
        for (String name : names()) {
            try {
                Class.forName(name, false, loader);
                loaded++;
            } catch (ClassNotFoundException | LinkageError e) {
                // renamed or removed since the list was made: the archive just lacks it
            }
        }
        return loaded;
    }

    /** The class names of the list, comments and blank lines left out. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        try (InputStream in = CdsTraining.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                return names;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
        } catch (IOException e) {
            // no list: nothing to load
        }
        return names;
    }
}
