package io.drc.controller.ctl;

import static io.drc.controller.ctl.CtlOutput.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;

/** The {@code drc ctl} commands: one API call each (and the event stream for {@code --wait} and {@code watch}). */
final class CtlCommands {
    /** How often {@code watch} reconnects after the stream broke off before the execution ended. */
    private static final int RECONNECTS = 20;

    private final DrcClient client;
    private final CtlOutput output;
    private final PrintStream err;

    CtlCommands(DrcClient client, CtlOutput output, PrintStream err) {
        this.client = client;
        this.output = output;
        this.err = err;
    }

    int run(String command, Namespace options) throws DrcClient.UnreachableException {
        return switch (command) {
            case "status" -> status(options.getBoolean("non_compliant"), options.getInt("limit"),
                    options.getString("cursor"));
            case "recovery-points" -> recoveryPoints(options.getString("resource"));
            case "executions" -> executions(options.getString("kind"));
            case "failover" -> start("/api/v1/failovers", options);
            case "failback" -> start("/api/v1/failbacks", options);
            case "drill" -> start("/api/v1/drills", options);
            case "watch" -> watch(options.getString("id"));
            case "approve" -> act(options.getString("id"), "approve");
            case "cancel" -> act(options.getString("id"), "cancel");
            default -> throw new IllegalArgumentException("unknown command " + command);
        };
    }

    private int status(boolean nonCompliant, Integer limit, String cursor) throws DrcClient.UnreachableException {
        DrcClient.Reply reply = client.get("/api/v1/status" + Ctl.query("compliant", nonCompliant ? "false" : null,
                "limit", limit == null ? null : limit.toString(), "cursor", cursor));
        if (!reply.ok() || output.json) {
            return print(reply);
        }
        JsonNode s = reply.body();
        output.line("application " + text(s, "application") + ": serving " + text(s, "activeRegion") + " (primary "
                + text(s, "primaryRegion") + ", DR " + text(s, "drRegion") + "), strategy " + text(s, "strategy")
                + ", ready: " + (s.path("ready").asBoolean() ? "yes" : "NO"));
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode r : s.path("resources")) {
            rows.add(List.of(text(r, "id"), text(r, "kind"), text(r, "region"), seconds(r.path("rpoSeconds")),
                    text(r, "rpoTargetSeconds") + "s", compliant(r.path("compliant")),
                    text(r.path("latestRecoveryPoint"), "id"), text(r, "error")));
        }
        output.table(List.of("RESOURCE", "KIND", "REGION", "RPO", "TARGET", "COMPLIANT", "LATEST", "ERROR"), rows);
        JsonNode summary = s.path("summary");
        output.line(text(summary, "resources") + " resources: " + text(summary, "compliant") + " compliant, "
                + text(summary, "notCompliant") + " not (measured " + text(summary, "measuredAt") + "); "
                + rows.size() + (nonCompliant ? " not known to be compliant" : "") + " shown"
                + (cursor == null ? "" : " after the cursor"));
        if (s.path("nextCursor").isTextual()) {
            // the same filter and page size, one page on: the SRE copies the line
            output.line("next page: drc status" + (nonCompliant ? " --non-compliant" : "")
                    + (limit == null ? "" : " --limit " + limit) + " --cursor " + s.get("nextCursor").asText());
        }
        List<List<String>> checks = new ArrayList<>();
        for (JsonNode c : s.path("checks")) {
            checks.add(List.of(text(c, "name"), c.path("ok").asBoolean() ? "ok" : "FAILING", text(c, "detail")));
        }
        output.table(List.of("CHECK", "STATE", "DETAIL"), checks);
        return Ctl.OK;
    }

    private int recoveryPoints(String resource) throws DrcClient.UnreachableException {
        DrcClient.Reply reply = client.get("/api/v1/recovery-points" + Ctl.query("resource", resource));
        if (!reply.ok() || output.json) {
            return print(reply);
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode p : reply.body().path("items")) {
            rows.add(List.of(text(p, "resource"), text(p, "id"), text(p, "kind"), text(p, "region"),
                    text(p, "sourceTime"), text(p, "completedAt"), text(p, "state")));
        }
        output.table(List.of("RESOURCE", "ID", "KIND", "REGION", "SOURCE TIME", "COMPLETED", "STATE"), rows);
        return Ctl.OK;
    }

    private int executions(String kind) throws DrcClient.UnreachableException {
        DrcClient.Reply reply = client.get("/api/v1/executions" + Ctl.query("kind", kind));
        if (!reply.ok() || output.json) {
            return print(reply);
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode e : reply.body().path("items")) {
            rows.add(List.of(text(e, "id"), text(e, "kind"), text(e, "status"), text(e, "targetRegion"),
                    text(e, "startedAt"), seconds(e.path("rtoSeconds")), text(e, "requestedBy")));
        }
        output.table(List.of("ID", "KIND", "STATUS", "TARGET", "STARTED", "RTO", "BY"), rows);
        return Ctl.OK;
    }

    private int start(String path, Namespace options) throws DrcClient.UnreachableException {
        ObjectNode body = Ctl.object();
        if (options.getString("confirm") != null) {
            body.put("confirm", options.getString("confirm")); // a drill has none: it moves nothing
        }
        if (options.getString("reason") != null) {
            body.put("reason", options.getString("reason"));
        }
        if (options.getString("strategy") != null) {
            body.put("strategy", options.getString("strategy"));
        }
        boolean dryRun = options.getBoolean("dry_run");
        if (dryRun) {
            body.put("dryRun", true);
        }
        DrcClient.Reply reply = client.post(path, body);
        if (!reply.ok()) {
            return print(reply);
        }
        if (dryRun) {
            return plan(reply.body());
        }
        String id = reply.body().path("id").asText();
        if (output.json) {
            output.json(reply.body(), options.getBoolean("wait"));
        } else {
            output.line("started " + text(reply.body(), "kind") + " " + id + " to " + text(reply.body(), "targetRegion")
                    + " (" + text(reply.body(), "status") + "); follow it with: drc watch " + id);
        }
        return options.getBoolean("wait") ? watch(id) : Ctl.OK;
    }

    private int plan(JsonNode plan) {
        if (output.json) {
            output.json(plan, false);
            return Ctl.OK;
        }
        output.line("dry run: " + text(plan, "kind") + " to " + text(plan, "targetRegion") + " with "
                + text(plan, "runbook") + " would run these steps (nothing was changed):");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode step : plan.path("steps")) {
            List<String> changes = new ArrayList<>();
            step.path("changes").forEach(c -> changes.add(text(c, "resource") + " " + text(c, "attribute") + ": "
                    + text(c, "from") + " -> " + text(c, "to")));
            rows.add(List.of(text(step, "name"), text(step, "resource"), text(step, "branch"),
                    step.path("planError").isTextual() ? "cannot plan: " + step.path("planError").asText()
                            : String.join("; ", changes)));
        }
        output.table(List.of("STEP", "RESOURCE", "BRANCH", "CHANGES"), rows);
        return Ctl.OK;
    }

    private int act(String id, String action) throws DrcClient.UnreachableException {
        DrcClient.Reply reply = client.post("/api/v1/executions/" + id + "/" + action, Ctl.object());
        if (!reply.ok() || output.json) {
            return print(reply);
        }
        output.line(action + ": execution " + id + " is " + text(reply.body(), "status"));
        return Ctl.OK;
    }

    /**
     * Follows the event stream until {@code execution.ended}, resuming with {@code Last-Event-ID} when the
     * connection breaks off; then prints the steps and answers 0 for SUCCEEDED, 1 otherwise.
     */
    private int watch(String id) throws DrcClient.UnreachableException {
        String[] last = {null};
        String[] ended = {null};
        if (!output.json) {
            output.line(String.format("%-24s  %-20s  %-28s  %-10s  %-7s  %s", "AT", "EVENT", "STEP", "RESOURCE",
                    "ATTEMPT", "STATUS"));
        }
        for (int attempt = 0; ended[0] == null && attempt <= RECONNECTS; attempt++) {
            HttpResponse<InputStream> response = client.events(id, last[0]);
            if (response.statusCode() != 200) {
                return refusedStream(response);
            }
            try (InputStream body = response.body()) {
                ServerSentEvents.read(body, frame -> {
                    JsonNode event = parse(frame.data());
                    last[0] = frame.id();
                    show(event);
                    if ("execution.ended".equals(frame.event())) {
                        ended[0] = event.path("status").asText();
                    }
                    return true;
                });
            } catch (IOException e) {
                err.println("drc: the event stream broke off (" + e.getMessage() + "); resuming after event " + last[0]);
            }
        }
        if (ended[0] == null) {
            throw new DrcClient.UnreachableException("the event stream of " + id + " kept breaking off", null);
        }
        if (!output.json) {
            output.line("execution " + id + " " + ended[0]);
        }
        return "SUCCEEDED".equals(ended[0]) ? Ctl.OK : Ctl.FAILED;
    }

    private void show(JsonNode event) {
        if (output.json) {
            output.json(event, true);
            return;
        }
        String line = String.format("%-24s  %-20s  %-28s  %-10s  %-7s  %s", text(event, "at"), text(event, "type"),
                text(event, "name"), text(event, "resource"), text(event, "attempt"), text(event, "status"));
        output.line(event.hasNonNull("error") ? line + "  " + event.get("error").asText() : line);
    }

    private int refusedStream(HttpResponse<InputStream> response) throws DrcClient.UnreachableException {
        try (InputStream body = response.body()) {
            JsonNode error = parse(new String(body.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            return print(new DrcClient.Reply(response.statusCode(), error));
        } catch (IOException e) {
            throw new DrcClient.UnreachableException("the event stream answered " + response.statusCode(), e);
        }
    }

    /** A refusal to stderr (exit 2), a success's body to stdout. */
    private int print(DrcClient.Reply reply) {
        if (reply.ok()) {
            output.json(reply.body(), false);
            return Ctl.OK;
        }
        err.println("drc: refused (" + reply.status() + ") " + reply.error());
        return Ctl.REFUSED;
    }

    private static JsonNode parse(String text) {
        try {
            return Ctl.JSON.readTree(text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the daemon sent an event that is not JSON: " + text, e);
        }
    }

    private static String seconds(JsonNode value) {
        return value.isNumber() ? Math.round(value.asDouble()) + "s" : "-";
    }

    private static String compliant(JsonNode value) {
        return value.isBoolean() ? (value.asBoolean() ? "yes" : "NO") : "-";
    }
}
