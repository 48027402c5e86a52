package io.drc.controller.ctl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** What {@code drc ctl} prints: aligned tables for people, or the API's JSON as it came ({@code --output json}). */
final class CtlOutput {
    private final PrintStream out;
    final boolean json;

    CtlOutput(PrintStream out, boolean json) {
        this.out = out;
        this.json = json;
    }

    void line(String text) {
        out.println(text);
    }

    /** The whole answer, pretty-printed; events go out one per line (JSON Lines) so a pipe can follow them. */
    void json(JsonNode node, boolean compact) {
        try {
            out.println(compact ? Ctl.JSON.writeValueAsString(node)
                    : Ctl.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed JSON tree always prints", e);
        }
        out.flush();
    }

    /** Columns padded to their widest cell. */
    void table(List<String> header, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        int[] width = new int[header.size()];
        for (List<String> row : all) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                text.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + (width[i] + 2) + "s", row.get(i)));
            }
            out.println(text.toString().stripTrailing());
        }
        out.flush();
    }

    /** A field as text, "-" when absent. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? "-" : value.asText();
    }
}
