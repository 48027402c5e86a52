package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.RecoveryConfig.DatabaseConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code recovery.regions.<region>.database.instanceClass} looks like an RDS DB instance class. */
final class RecoveryDatabaseCheck implements ConfigCheck {
    /** db.&lt;family&gt;.&lt;size&gt;: db.r6g.large, db.m5d.24xlarge, db.x2iedn.metal, db.t4g.micro. */
    private static final Pattern INSTANCE_CLASS = Pattern.compile("db\\.[a-z][a-z0-9-]*\\.[a-z0-9][a-z0-9-]*");

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        if (config.getRecovery() == null) {
            return problems;
        }
        config.getRecovery().regions().forEach((region, recovery) -> {
            DatabaseConfig db = recovery == null ? null : recovery.database();
            if (db != null && db.instanceClass() != null && !INSTANCE_CLASS.matcher(db.instanceClass()).matches()) {
                problems.add(new Problem("recovery.regions." + region + ".database.instanceClass",
                        "'" + db.instanceClass() + "' is not an RDS DB instance class",
                        "use the form db.<family>.<size>, e.g. db.r6g.large, or leave it out to keep the class"));
            }
        });
        return problems;
    }
}
