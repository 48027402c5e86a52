package io.drc.strategies.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A Choice state's rule. Leaf rules compare the value at {@code variable} with {@code operand} using one ASL
 * comparison operator; {@code And}, {@code Or} and {@code Not} combine rules. Only top-level rules carry
 * {@code next}.
 */
public sealed interface ChoiceRule {
    String next();

    record Comparison(String variable, String operator, JsonNode operand, String next) implements ChoiceRule { }

    record And(List<ChoiceRule> rules, String next) implements ChoiceRule { }

    record Or(List<ChoiceRule> rules, String next) implements ChoiceRule { }

    record Not(ChoiceRule rule, String next) implements ChoiceRule { }

    /** The comparison operators drc supports. */
    List<String> OPERATORS = List.of("StringEquals", "NumericEquals", "NumericLessThan", "NumericGreaterThan",
            "NumericLessThanEquals", "NumericGreaterThanEquals", "BooleanEquals", "IsPresent", "IsNull");
}
