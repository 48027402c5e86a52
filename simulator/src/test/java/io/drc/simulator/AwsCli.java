package io.drc.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The AWS CLI as an independent client of the simulator. Prefers Debian's {@code /usr/bin/aws} (package
 * {@code awscli}, which .ci/run installs). Where no CLI exists the calling test is skipped with a message
 * saying so, except under CI ({@code CI=true}), where a missing CLI fails the test.
 */
public final class AwsCli {
    /** What one CLI run printed and returned. */
    public record Result(int exitCode, String stdout, String stderr) {
        public Result assertOk() {
            if (exitCode != 0) {
                throw new AssertionError("aws exited " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
            }
            return this;
        }
    }

    private final String executable;
    private final String endpoint;

    private AwsCli(String executable, String endpoint) {
        this.executable = executable;
        this.endpoint = endpoint;
    }

    /** The CLI pointed at {@code simulator}; skips (or fails under CI) the calling test when there is none. */
    public static AwsCli forSimulator(Simulator simulator) {
        return new AwsCli(installed().executable, simulator.endpoint().toString());
    }

    /** The installed CLI, for scripts given their own endpoint; skips (or fails under CI) when there is none. */
    public static AwsCli installed() {
        String exe = find();
        if (exe == null) {
            String message = "AWS CLI not found (install Debian package 'awscli'): AWS CLI compatibility NOT tested";
            System.err.println("WARNING: " + message);
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return new AwsCli(exe, null);
    }

    private static String find() {
        if (Files.isExecutable(Path.of("/usr/bin/aws"))) {
            return "/usr/bin/aws";
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, "aws"))) {
                return Path.of(dir, "aws").toString();
            }
        }
        return null;
    }

    /** Runs {@code aws --endpoint-url <sim> --region <region> --output json <args…>}. */
    public Result run(String region, String... args) {
        if (endpoint == null) {
            throw new IllegalStateException("AwsCli.installed() runs scripts; forSimulator(...) runs commands");
        }
        List<String> command = new ArrayList<>(List.of(executable, "--endpoint-url", endpoint, "--region", region,
                "--output", "json"));
        command.addAll(List.of(args));
        return execute(command, 60);
    }

    /**
     * Runs a Python script with the interpreter this CLI's executable names in its {@code #!} line (Debian's
     * {@code /usr/bin/aws}: {@code /usr/bin/python3}), so it imports the very {@code awscli} package the CLI runs,
     * with the environment {@link #run} gives the CLI.
     */
    public Result runScript(Path script, List<String> args, int timeoutSeconds) {
        List<String> command = new ArrayList<>(interpreter());
        command.add(script.toString());
        command.addAll(args);
        return execute(command, timeoutSeconds);
    }

    /** The CLI's version as {@code aws --version} prints it. */
    public String version() {
        return execute(List.of(executable, "--version"), 60).assertOk().stdout().trim();
    }

    private List<String> interpreter() {
        try (var lines = Files.lines(Path.of(executable))) {
            String first = lines.findFirst().orElse("");
            if (!first.startsWith("#!") || !first.contains("python")) {
                throw new AssertionError(executable + " is not a Python script (its first line: " + first + ")");
            }
            return List.of(first.substring(2).trim().split("\\s+"));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + executable + ": " + e.getMessage(), e);
        }
    }

    private Result execute(List<String> command, int timeoutSeconds) {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("AWS_ACCESS_KEY_ID", "test");
        pb.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        pb.environment().put("AWS_PAGER", "");
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().put("AWS_CONFIG_FILE", "/dev/null");
        pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        pb.environment().put("AWS_MAX_ATTEMPTS", "2");
        try {
            Path out = Files.createTempFile("aws-cli", ".out");
            Path err = Files.createTempFile("aws-cli", ".err");
            Process process = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return executable;
    }
}
