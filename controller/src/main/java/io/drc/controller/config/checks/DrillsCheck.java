package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.DrillsConfig;
import io.drc.controller.config.RecoveryConfig;
import io.drc.strategies.handlers.DrillSmokeCheckHandler;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code drills.dns.recordName} is a DNS name of its own in recovery.dns's hosted zone — never production's record —
 * with a drill load balancer to point at; {@code drills.smokeCheck.url} is an http(s) URL. The zone's name is not in
 * the configuration: here a name that cannot share the zone with {@code recovery.dns.recordName} (a different
 * domain) is refused; the drill's DNS step then checks the name against the zone itself and refuses any name a record
 * it did not make already uses.
 */
final class DrillsCheck implements ConfigCheck {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        DrillsConfig drills = config.getDrills();
        if (drills == null) {
            return problems;
        }
        if (drills.dns() != null && drills.dns().recordName() != null && !drills.dns().recordName().isBlank()) {
            checkDns(config, drills.dns().recordName(), problems);
        }
        if (drills.smokeCheck() != null && drills.smokeCheck().url() != null) {
            checkUrl(drills.smokeCheck().url(), problems);
        }
        return problems;
    }

    private static void checkDns(DrcConfiguration config, String recordName, List<Problem> problems) {
        String path = "drills.dns.recordName";
        String name = normalise(recordName);
        String[] labels = name.substring(0, name.length() - 1).split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                problems.add(new Problem(path, "'" + recordName + "' is not a DNS name (label '" + label + "')",
                        "a fully qualified name of letters, digits and hyphens, e.g. drill.shop.example.com."));
                return;
            }
        }
        RecoveryConfig recovery = config.getRecovery();
        if (recovery == null || recovery.dns() == null || recovery.dns().recordName() == null) {
            return;
        }
        String production = normalise(recovery.dns().recordName());
        if (name.equals(production)) {
            problems.add(new Problem(path, "'" + recordName + "' is production's record (recovery.dns.recordName):"
                    + " a drill never touches it", "name a record of the drill's own, e.g. drill." + production));
            return;
        }
        String[] productionLabels = production.substring(0, production.length() - 1).split("\\.");
        String domain = productionLabels.length < 2 ? production
                : productionLabels[productionLabels.length - 2] + "." + productionLabels[productionLabels.length - 1] + ".";
        if (!name.endsWith("." + domain)) {
            problems.add(new Problem(path, "'" + recordName + "' cannot be in the hosted zone of recovery.dns ("
                    + recovery.dns().hostedZoneId() + "), which holds " + production, "name a record in that zone, "
                    + "e.g. drill." + production));
            return;
        }
        String dr = config.getDrRegion();
        RecoveryConfig.RegionRecoveryConfig region = dr == null ? null : recovery.regions().get(dr);
        if (region != null && region.targetGroups().isEmpty()) {
            problems.add(new Problem(path, "the drill's record points at the drill's load balancer, but recovery.regions."
                    + dr + ".targetGroups is empty: a drill makes no load balancer", "leave drills.dns out, or list "
                    + "the DR target group its load balancer forwards to"));
        }
    }

    private static void checkUrl(String url, List<Problem> problems) {
        String path = "drills.smokeCheck.url";
        String hint = "an http(s) URL, e.g. \"https://" + DrillSmokeCheckHandler.DRILL_HOST + "/health\" ("
                + DrillSmokeCheckHandler.DRILL_HOST + ": where the drill serves)";
        try {
            URI uri = new URI(url.replace(DrillSmokeCheckHandler.DRILL_HOST, "drill.invalid"));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                problems.add(new Problem(path, "'" + url + "' is not an http(s) URL with a host", hint));
            }
        } catch (URISyntaxException e) {
            problems.add(new Problem(path, "'" + url + "' is not a URL: " + e.getMessage(), hint));
        }
    }

    private static String normalise(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower : lower + ".";
    }
}
