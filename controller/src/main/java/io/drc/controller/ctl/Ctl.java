package io.drc.controller.ctl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;
import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.helper.HelpScreenException;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.ArgumentParser;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import net.sourceforge.argparse4j.inf.Subparsers;

/**
 * {@code drc ctl …}: the on-call command line against a running daemon's API. Exit codes: 0 success, 1 the
 * execution failed (or was cancelled), 2 the request was refused (or the command line is wrong), 3 unreachable.
 */
public final class Ctl {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int REFUSED = 2;
    public static final int UNREACHABLE = 3;
    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final Consumer<HttpResponse<?>> answers;

    public Ctl(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, out, err, answer -> { });
    }

    /** The same, handing every answer of the daemon to {@code answers} first (tests check them against the contract). */
    public Ctl(Map<String, String> env, PrintStream out, PrintStream err, Consumer<HttpResponse<?>> answers) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.answers = answers;
    }

    public static void main(String[] args) {
        System.exit(new Ctl(System.getenv(), System.out, System.err).run(args));
    }

    /** Runs one command; returns its exit code. */
    public int run(String... args) {
        ArgumentParser parser = parser();
        Namespace options;
        try {
            options = parser.parseArgs(args);
        } catch (HelpScreenException e) {
            return OK; // argparse4j printed the help
        } catch (ArgumentParserException e) {
            PrintWriter usage = new PrintWriter(err, true);
            e.getParser().printUsage(usage);
            err.println("drc: " + e.getMessage());
            return REFUSED;
        }
        try {
            String token = token(options);
            if (token == null) {
                err.println("drc: no API token: set DRC_TOKEN or pass --token-file FILE");
                return REFUSED;
            }
            DrcClient client = new DrcClient(URI.create(url(options)), token, answers);
            boolean json = "json".equals(options.getString("output"));
            return new CtlCommands(client, new CtlOutput(out, json), err).run(options.getString("command"), options);
        } catch (DrcClient.UnreachableException e) {
            err.println("drc: " + e.getMessage());
            return UNREACHABLE;
        } catch (UncheckedIOException e) {
            err.println("drc: " + e.getMessage());
            return REFUSED;
        }
    }

    private String token(Namespace options) {
        String file = options.getString("token_file");
        if (file == null) {
            String token = env.get("DRC_TOKEN");
            return token == null || token.isBlank() ? null : token.strip();
        }
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("--token-file " + file + ": cannot read it (" + e.getMessage() + ")", e);
        }
    }

    private String url(Namespace options) {
        String url = options.getString("url");
        if (url == null) {
            url = env.getOrDefault("DRC_URL", "http://127.0.0.1:8080");
        }
        return url.endsWith("/") ? url : url + "/";
    }

    /** {@code ?name=value&...} of the pairs whose value is not null; empty when none is. */
    static String query(String... namesAndValues) {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                query.append(query.length() == 0 ? '?' : '&').append(namesAndValues[i]).append('=')
                        .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    private static ArgumentParser parser() {
        ArgumentParser parser = ArgumentParsers.newFor("drc").build()
                .description("Talks to a running drc daemon. Token from DRC_TOKEN or --token-file; URL from --url or "
                        + "DRC_URL. Exit codes: 0 success, 1 execution failed, 2 refused, 3 unreachable.");
        parser.addArgument("--url").help("the daemon's API, e.g. http://drc.internal:8080 (default $DRC_URL or "
                + "http://127.0.0.1:8080)");
        parser.addArgument("--token-file").help("a file holding the API token (default: $DRC_TOKEN)");
        parser.addArgument("--output", "-o").choices("table", "json").setDefault("table");
        Subparsers commands = parser.addSubparsers().dest("command").title("commands");
        Subparser status = commands.addParser("status").help("where the application serves, RPO per resource (a page "
                + "at a time), checks");
        status.addArgument("--non-compliant").action(Arguments.storeTrue())
                .help("only the resources not known to meet their RPO target");
        status.addArgument("--limit").type(Integer.class).help("resources per page, 1 to 1000 (default 100)");
        status.addArgument("--cursor").help("the page after the one that printed this cursor");
        commands.addParser("recovery-points").help("recovery points, newest first")
                .addArgument("--resource").help("only this protected resource's");
        commands.addParser("executions").help("failovers, fail-backs and drills, newest first")
                .addArgument("--kind").choices("failover", "failback", "drill");
        start(commands.addParser("failover").help("move serving to the DR region"));
        start(commands.addParser("failback").help("move serving back to the primary region"));
        Subparser drill = commands.addParser("drill").help("rehearse a failover on copies in the DR region (moves "
                + "nothing that serves; cleans up after itself)");
        drill.addArgument("--reason").help("why, for the audit log");
        execution(drill);
        commands.addParser("watch").help("follow an execution's steps live until it ends").addArgument("id");
        commands.addParser("approve").help("approve the step an execution waits on").addArgument("id");
        commands.addParser("cancel").help("cancel an execution").addArgument("id");
        return parser;
    }

    private static void start(Subparser command) {
        command.addArgument("--confirm").required(true).metavar("REGION")
                .help("the region that will serve afterwards, typed out");
        command.addArgument("--reason").help("why, for the audit log");
        command.addArgument("--strategy").help("default: the configured one");
        execution(command);
    }

    /** What every command that starts an execution takes. */
    private static void execution(Subparser command) {
        command.addArgument("--dry-run").action(Arguments.storeTrue()).help("show the plan, change nothing");
        command.addArgument("--wait").action(Arguments.storeTrue())
                .help("follow the execution until it ends; exit 1 unless it succeeded");
    }
}
