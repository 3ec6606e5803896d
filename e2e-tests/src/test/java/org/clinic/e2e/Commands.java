package org.clinic.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a tool of the front-end side (npm, node) as a test step: its output, or a failure that shows it. */
final class Commands {

    private Commands() {}

    static String run(Path directory, List<String> command, Map<String, String> env, int seconds)
            throws IOException, InterruptedException {
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        // the output goes to a file, so waiting is bounded by the timeout (reading a pipe to its end would wait
        // for the process however long it takes)
        Path log = java.nio.file.Files.createTempFile(
                java.nio.file.Files.createDirectories(org.clinic.testing.ServiceRunner.target()), "command-", ".log");
        builder.redirectOutput(log.toFile());
        Process process = builder.start();
        boolean finished = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String output = java.nio.file.Files.readString(log, StandardCharsets.UTF_8);
        if (!finished) {
            throw new AssertionError(command + " did not finish in " + seconds + " s:\n" + output);
        }
        assertEquals(0, process.exitValue(), command + ":\n" + output);
        return output;
    }
}
