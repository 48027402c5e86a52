package io.drc.controller.cli;

import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ConfiguredCommand;
import io.dropwizard.core.setup.Bootstrap;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.cluster.Placement;
import io.drc.controller.config.checks.ConfigChecks;
import io.drc.controller.config.checks.ConfigProblemsException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.function.Function;
import net.sourceforge.argparse4j.inf.Namespace;

/**
 * {@code drc check <config>}: parses the configuration and runs every check; prints every problem
 * by path and fails (non-zero exit), or prints a short summary and the placement advice ({@link Placement}).
 */
public final class DrcCheckCommand extends ConfiguredCommand<DrcConfiguration> {
    /** How long {@code check} waits for EC2 instance metadata to say where it runs. */
    static final Duration METADATA_BUDGET = Duration.ofSeconds(2);

    private final Function<Bootstrap<DrcConfiguration>, ConfigChecks> checks;
    private final PrintStream out;

    public DrcCheckCommand(Function<Bootstrap<DrcConfiguration>, ConfigChecks> checks, PrintStream out) {
        super("check", "Parses and validates the configuration file, printing every problem");
        this.checks = checks;
        this.out = out;
    }

    @Override
    protected Class<DrcConfiguration> getConfigurationClass() {
        return DrcConfiguration.class;
    }

    @Override
    protected void run(Bootstrap<DrcConfiguration> bootstrap, Namespace namespace, DrcConfiguration config)
            throws ConfigProblemsException {
        String file = namespace.getString("file");
        checks.apply(bootstrap).requireValid(config, file);
        out.println("config OK: " + file + ": application " + config.getApplication()
                + ", " + config.getPrimaryRegion() + " -> " + config.getDrRegion()
                + ", strategy " + config.getStrategy().typeName()
                + ", " + config.getProtect().size() + " protected resource(s)"
                + ", " + config.getAuth().tokens().size() + " token(s)");
        for (String advice : Placement.advice(config, Placement.hostRegion(config, METADATA_BUDGET))) {
            out.println("warning: " + advice);
        }
    }

    /** Parsing and validation messages already say where; a stack trace would bury them. */
    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        cli.getStdErr().println(e.getMessage());
    }
}
