package io.drc.simulator.rds;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RDS identifiers and ARNs: {@code arn:aws:rds:<region>:<account>:db:<id>} and {@code …:snapshot:<id>}.
 * RDS keeps identifiers in lower case, whatever case the caller used.
 */
final class RdsNames {
    /** Where a resource named by identifier or ARN lives. */
    record ResourceName(String region, String type, String id) {
        boolean isIn(RegionState caller) {
            return region.equals(caller.name());
        }
    }

    private static final Pattern ARN = Pattern.compile("arn:aws:rds:([a-z0-9-]+):(\\d{12}):(db|snapshot):(.+)");
    private static final Pattern KMS_ARN = Pattern.compile("arn:aws:kms:([a-z0-9-]+):\\d{12}:(key|alias)/.+");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z](?!.*--)[a-z0-9-]*(?<!-)");

    private RdsNames() {
    }

    /** {@code nameOrArn} as given to an operation called in {@code caller}: a plain identifier is local. */
    static ResourceName parse(String nameOrArn, String type, RegionState caller) {
        Matcher m = ARN.matcher(nameOrArn);
        if (!nameOrArn.startsWith("arn:")) {
            return new ResourceName(caller.name(), type, nameOrArn.toLowerCase(Locale.ROOT));
        }
        if (!m.matches() || !m.group(3).equals(type) || !m.group(2).equals(World.ACCOUNT_ID)) {
            throw RdsErrors.invalidParameterValue("The parameter " + nameOrArn + " is not a valid " + type + " ARN.");
        }
        return new ResourceName(m.group(1), type, m.group(4).toLowerCase(Locale.ROOT));
    }

    /** A new resource's identifier, checked against RDS's naming rules and lower-cased. */
    static String newIdentifier(String value, String parameter, int maxLength) {
        if (value == null || value.isEmpty()) {
            throw AwsError.missingParameter(parameter);
        }
        String id = value.toLowerCase(Locale.ROOT);
        if (id.length() > maxLength || !IDENTIFIER.matcher(id).matches()) {
            throw RdsErrors.invalidParameterValue("The parameter " + parameter + " is not a valid identifier. "
                    + "Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; "
                    + "and must not end with a hyphen or contain two consecutive hyphens; at most " + maxLength
                    + " characters.");
        }
        return id;
    }

    static String required(String value, String parameter) {
        if (value == null || value.isEmpty()) {
            throw AwsError.missingParameter(parameter);
        }
        return value;
    }

    /** A KMS key given by ARN must be one of the region the resource is made in; ids and aliases are local. */
    static String kmsKeyOf(String keyId, RegionState region) {
        if (keyId == null) {
            return null;
        }
        Matcher m = KMS_ARN.matcher(keyId);
        if (keyId.startsWith("arn:") && (!m.matches() || !m.group(1).equals(region.name()))) {
            throw RdsErrors.kmsKeyNotAccessible(keyId, region.name());
        }
        if (keyId.startsWith("arn:")) {
            return keyId;
        }
        return region.arn("kms", keyId.startsWith("alias/") ? keyId : "key/" + keyId);
    }

    static String instanceArn(String region, String id) {
        return "arn:aws:rds:" + region + ":" + World.ACCOUNT_ID + ":db:" + id;
    }

    static String snapshotArn(String region, String id) {
        return "arn:aws:rds:" + region + ":" + World.ACCOUNT_ID + ":snapshot:" + id;
    }

    /** How AWS shows a related instance: by identifier in the same region, by ARN from another. */
    static String shownFrom(String viewerRegion, String region, String id) {
        return viewerRegion.equals(region) ? id : instanceArn(region, id);
    }
}
