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
        String exe = find();
        if (exe == null) {
            String message = "AWS CLI not found (install Debian package 'awscli'): AWS CLI compatibility NOT tested";
            System.err.println("WARNING: " + message);
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return new AwsCli(exe, simulator.endpoint().toString());
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
        List<String> command = new ArrayList<>(List.of(executable, "--endpoint-url", endpoint, "--region", region,
                "--output", "json"));
        command.addAll(List.of(args));
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
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("aws " + String.join(" ", args) + " did not finish within 60 s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + executable + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
