package io.drc.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * boto3 as an independent client of the simulator: Debian's {@code /usr/bin/python3} with the package
 * {@code python3-boto3} (which .ci/run installs), plus any other {@code python3} on the PATH whose botocore may
 * speak a newer protocol. Where Debian's has no boto3 the calling test is skipped with a message saying so, except
 * under CI ({@code CI=true}), where it fails.
 */
public final class Boto3 {
    public static final String DEBIAN_PYTHON = "/usr/bin/python3";

    /** What one script run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) { }

    private final String python;

    private Boto3(String python) {
        this.python = python;
    }

    /** Every interpreter that can import boto3, Debian's first; skips (or fails under CI) when Debian's cannot. */
    public static List<Boto3> interpreters() {
        if (!canImportBoto3(DEBIAN_PYTHON)) {
            String message = "boto3 not found for " + DEBIAN_PYTHON + " (install Debian package 'python3-boto3'):"
                    + " boto3 compatibility NOT tested";
            System.err.println("WARNING: " + message);
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        Set<String> found = new LinkedHashSet<>(List.of(DEBIAN_PYTHON));
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "python3");
            if (!dir.isEmpty() && Files.isExecutable(candidate) && !isDebians(candidate) && canImportBoto3(candidate.toString())) {
                found.add(candidate.toString());
            }
        }
        return found.stream().map(Boto3::new).toList();
    }

    private static boolean isDebians(Path candidate) {
        try {
            return candidate.toRealPath().equals(Path.of(DEBIAN_PYTHON).toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean canImportBoto3(String python) {
        return Files.isExecutable(Path.of(python)) && new Boto3(python).run("-c", "import boto3").exitCode() == 0;
    }

    public String python() {
        return python;
    }

    /** Runs {@code python <args…>} with test credentials and no AWS configuration files. */
    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(python));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        try {
            Path out = Files.createTempFile("boto3", ".out");
            Path err = Files.createTempFile("boto3", ".err");
            Process process = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(python + " " + String.join(" ", args) + " did not finish within 120 s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + python + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return python;
    }
}
