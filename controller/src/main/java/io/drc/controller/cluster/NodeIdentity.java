package io.drc.controller.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Properties;

/**
 * How a daemon names itself: {@code cluster.nodeId}, or host name + working directory (where its data lives), so a
 * daemon restarted in the same place is the same node and takes over its predecessor's work at once, and two
 * daemons on one host in two directories are two nodes.
 */
public final class NodeIdentity {
    static final int MAX_LENGTH = 150;

    private NodeIdentity() {}

    /** {@code configured} when given, else {@code <host>:<working directory>} (shortened with a hash if long). */
    public static String nodeId(String configured, Path workingDirectory) {
        if (configured != null) {
            return configured;
        }
        String host = host();
        String dir = workingDirectory.toAbsolutePath().normalize().toString();
        String id = host + ":" + dir;
        return id.length() <= MAX_LENGTH ? id : host.substring(0, Math.min(host.length(), MAX_LENGTH - 14)) + ":"
                + sha256(dir).substring(0, 12);
    }

    public static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown-host";
        }
    }

    /** The packaged daemon's Maven version; {@code dev} when run from classes (tests). */
    public static String version() {
        try (InputStream in = NodeIdentity.class.getResourceAsStream(
                "/META-INF/maven/io.drc/drc-controller/pom.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
