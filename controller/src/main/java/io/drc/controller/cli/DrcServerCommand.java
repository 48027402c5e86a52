package io.drc.controller.cli;

import io.dropwizard.core.Application;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.cli.ServerCommand;
import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.checks.ConfigProblemsException;
import io.dropwizard.configuration.ConfigurationException;
import net.sourceforge.argparse4j.inf.Namespace;

/** Dropwizard's {@code server}, but configuration problems are printed as a list, not a stack trace. */
public final class DrcServerCommand extends ServerCommand<DrcConfiguration> {

    public DrcServerCommand(Application<DrcConfiguration> application) {
        super(application);
    }

    @Override
    public void onError(Cli cli, Namespace namespace, Throwable e) {
        if (e instanceof ConfigProblemsException || e instanceof ConfigurationException) {
            cli.getStdErr().println("drc refuses to start: " + e.getMessage());
            cli.getStdErr().flush();
            return;
        }
        super.onError(cli, namespace, e);
    }
}
