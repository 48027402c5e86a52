package io.drc.controller.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.Command;
import io.dropwizard.core.setup.Bootstrap;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code drc cds-archive <archive>}: writes a class-data sharing archive for this jar and this JDK
 * ({@link ClassDataTraining}); start the daemon with {@code -XX:SharedArchiveFile=<archive>} to use it. Fails
 * (non-zero exit) naming why and showing the end of the training daemon's log; an existing archive is then kept.
 */
public final class ClassDataArchiveCommand extends Command {
    private final PrintStream out;

    public ClassDataArchiveCommand(PrintStream out) {
        super("cds-archive", "Writes a class-data sharing archive for this jar and JDK (faster start-up with "
                + "-XX:SharedArchiveFile=<archive>)");
        this.out = out;
    }

    @Override
    public void configure(Subparser subparser) {
        subparser.addArgument("archive").help("the archive to write, e.g. drc.jsa beside drc.jar");
    }

    @Override
    public void run(Bootstrap<?> bootstrap, Namespace namespace) throws Exception {
        Path archive = Path.of(namespace.getString("archive")).toAbsolutePath();
        ClassDataTraining.Outcome outcome = new ClassDataTraining(thisJar(), archive).run();
        if (!outcome.written()) {
            throw new IllegalStateException("no class-data archive written to " + archive + " (training took "
                    + outcome.took().toSeconds() + " s): " + outcome.detail());
        }
        out.printf("class-data archive %s: %.0f MB, trained in %d s; start the daemon with "
                + "-XX:SharedArchiveFile=%s%n", archive, outcome.bytes() / 1e6, outcome.took().toSeconds(), archive);
    }

    private static Path thisJar() throws URISyntaxException {
        Path location = Path.of(ClassDataArchiveCommand.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        if (!location.toString().endsWith(".jar")) {
            throw new IllegalStateException("cds-archive records the packaged jar's classes; run it as java -jar "
                    + "drc.jar cds-archive <archive> (this runs from " + location + ")");
        }
        return location;
    }

    /** The reason is the message; a stack trace would bury it. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println(e.getMessage());
    }
}
