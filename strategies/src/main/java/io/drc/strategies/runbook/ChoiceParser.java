package io.drc.strategies.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads a Choice state's rules, reporting problems to the runbook parser. */
final class ChoiceParser {
    private final RunbookParser parser;
    private final String state;

    ChoiceParser(RunbookParser parser, String state) {
        this.parser = parser;
        this.state = state;
    }

    List<ChoiceRule> rules(JsonNode choices) {
        if (choices == null || !choices.isArray() || choices.isEmpty()) {
            parser.problem(state, "'Choices' must be a non-empty array of rules");
            return List.of();
        }
        List<ChoiceRule> out = new ArrayList<>();
        choices.forEach(c -> {
            String next = parser.text(c, "Next", state, true);
            out.add(rule(c, next));
        });
        return out;
    }

    private ChoiceRule rule(JsonNode node, String next) {
        if (node.has("And") || node.has("Or")) {
            String op = node.has("And") ? "And" : "Or";
            List<ChoiceRule> inner = new ArrayList<>();
            node.get(op).forEach(n -> inner.add(rule(n, null)));
            return op.equals("And") ? new ChoiceRule.And(inner, next) : new ChoiceRule.Or(inner, next);
        }
        if (node.has("Not")) {
            return new ChoiceRule.Not(rule(node.get("Not"), null), next);
        }
        String variable = parser.text(node, "Variable", state, true);
        for (String op : ChoiceRule.OPERATORS) {
            if (node.has(op)) {
                return new ChoiceRule.Comparison(variable, op, node.get(op), next);
            }
        }
        parser.problem(state, "a choice rule needs one comparison operator of " + ChoiceRule.OPERATORS
                + " (or And/Or/Not)");
        return new ChoiceRule.Comparison(variable, "IsPresent", null, next);
    }
}
