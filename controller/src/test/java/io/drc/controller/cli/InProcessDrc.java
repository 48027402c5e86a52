package io.drc.controller.cli;

import io.drc.controller.DrcApplication;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Runs drc's command line inside the test JVM: the fatal-error hook, which would call
 * System.exit(1), records the failure instead.
 */
final class InProcessDrc extends DrcApplication {
    private final ByteArrayOutputStream out;
    private Throwable fatalError;

    private InProcessDrc(ByteArrayOutputStream out) {
        super(new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC());
        this.out = out;
    }

    static InProcessDrc create() {
        return new InProcessDrc(new ByteArrayOutputStream());
    }

    /** Runs the command line; returns the exit code drc would have exited with. */
    int exitCodeOf(String... arguments) throws Exception {
        run(arguments);
        return fatalError == null ? 0 : 1;
    }

    @Override
    protected void onFatalError(Throwable t) {
        fatalError = t;
    }

    String failureMessage() {
        return fatalError == null ? "" : fatalError.getMessage();
    }

    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }
}
