package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.quartz.CronExpression;

/** Every replication schedule, and the drills' schedule, must be a Quartz cron expression. */
final class SchedulesCheck implements ConfigCheck {
    private static final String HINT = "use a Quartz cron expression with seconds first, e.g. \"0 0/15 * * * ?\" "
            + "(every 15 minutes); one of day-of-month and day-of-week must be '?'";

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        if (config.getReplication() != null) {
            checkCron(config.getReplication().defaultSchedule(), "replication.defaultSchedule").ifPresent(problems::add);
        }
        if (config.getDrills() != null) {
            checkCron(config.getDrills().schedule(), "drills.schedule").ifPresent(problems::add);
        }
        if (config.getProtect() != null) {
            for (int i = 0; i < config.getProtect().size(); i++) {
                var resource = config.getProtect().get(i);
                if (resource != null) {
                    checkCron(resource.schedule(), "protect[" + i + "].schedule").ifPresent(problems::add);
                }
            }
        }
        return problems;
    }

    private static Optional<Problem> checkCron(String expression, String path) {
        if (expression == null || CronExpression.isValidExpression(expression)) {
            return Optional.empty();
        }
        try {
            new CronExpression(expression);
            return Optional.of(new Problem(path, "'" + expression + "' is not a valid cron expression", HINT));
        } catch (ParseException e) {
            return Optional.of(new Problem(path,
                    "'" + expression + "' is not a valid cron expression: " + e.getMessage(), HINT));
        }
    }
}
