package io.drc.strategies.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.drc.strategies.runbook.ChoiceRule;
import io.drc.strategies.runbook.DataPaths;
import io.drc.strategies.runbook.State;

/** Evaluates a Choice state's rules against the state input. */
final class Choices {
    private Choices() {
    }

    /** The next state: the first matching rule's, else the Default; null when nothing matches. */
    static String pick(State.Choice choice, JsonNode input, JsonNode context) {
        for (ChoiceRule rule : choice.choices()) {
            if (matches(rule, input, context)) {
                return rule.next();
            }
        }
        return choice.defaultNext();
    }

    static boolean matches(ChoiceRule rule, JsonNode input, JsonNode context) {
        if (rule instanceof ChoiceRule.And and) {
            return and.rules().stream().allMatch(r -> matches(r, input, context));
        } else if (rule instanceof ChoiceRule.Or or) {
            return or.rules().stream().anyMatch(r -> matches(r, input, context));
        } else if (rule instanceof ChoiceRule.Not not) {
            return !matches(not.rule(), input, context);
        }
        ChoiceRule.Comparison c = (ChoiceRule.Comparison) rule;
        JsonNode value = DataPaths.read(c.variable(), input, context);
        return compare(c.operator(), value, c.operand());
    }

    private static boolean compare(String operator, JsonNode value, JsonNode operand) {
        switch (operator) {
            case "IsPresent":
                return (value != null) == operand.asBoolean();
            case "IsNull":
                return (value != null && value.isNull()) == operand.asBoolean();
            case "StringEquals":
                return value != null && value.isTextual() && value.asText().equals(operand.asText());
            case "BooleanEquals":
                return value != null && value.isBoolean() && value.asBoolean() == operand.asBoolean();
            default:
                return value != null && value.isNumber() && numeric(operator, value.asDouble(), operand.asDouble());
        }
    }

    private static boolean numeric(String operator, double a, double b) {
        return switch (operator) {
            case "NumericEquals" -> a == b;
            case "NumericLessThan" -> a < b;
            case "NumericGreaterThan" -> a > b;
            case "NumericLessThanEquals" -> a <= b;
            case "NumericGreaterThanEquals" -> a >= b;
            default -> throw new IllegalArgumentException("unknown comparison " + operator);
        };
    }
}
