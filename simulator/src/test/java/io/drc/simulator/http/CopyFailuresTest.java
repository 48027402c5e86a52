package io.drc.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.TestClients;
import io.drc.simulator.core.ManualClock;
import io.drc.simulator.ec2.Ec2State;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Snapshot;
import software.amazon.awssdk.services.rds.RdsClient;

/** Copies told to fail end in error the way AWS shows it, through SDK clients; the admin API names bad input. */
class CopyFailuresTest {
    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";

    Simulator simulator;
    TestClients clients;
    Ec2Client east;
    Ec2Client west;

    @BeforeEach
    void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))));
        clients = new TestClients(simulator);
        east = clients.ec2(EAST);
        west = clients.ec2(WEST);
    }

    @AfterEach
    void stop() {
        east.close();
        west.close();
        simulator.close();
    }

    void advancePast(String timingKey) {
        simulator.manualClock().advance(simulator.world().timings().of(timingKey));
    }

    HttpResponse<String> admin(String method, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(simulator.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theNextEbsSnapshotCopyIntoARegionEndsInErrorWithItsStateMessageAndTheOneAfterCompletes() throws Exception {
        String volume = east.createVolume(r -> r.availabilityZone("us-east-1a").size(8)).volumeId();
        String source = east.createSnapshot(r -> r.volumeId(volume)).snapshotId();
        advancePast("ec2.snapshot.create");
        assertThat(admin("POST", "/_sim/copy-failures", """
                {"region": "us-west-2", "kind": "ebs-snapshot", "count": 1, "reason": "KMS key unusable"}""")
                .statusCode()).isEqualTo(201);

        String failing = copy(source);
        assertThat(describe(west, failing).stateAsString()).as("accepted, failing later").isEqualTo("pending");
        String next = copy(source);
        advancePast("ec2.snapshot.copy");

        assertThat(describe(west, failing)).satisfies(s -> {
            assertThat(s.stateAsString()).isEqualTo("error");
            assertThat(s.stateMessage()).isEqualTo("KMS key unusable");
        });
        assertThat(describe(west, next)).satisfies(s -> {
            assertThat(s.stateAsString()).isEqualTo("completed");
            assertThat(s.stateMessage()).isNull();
        });
    }

    @Test
    void anAmiCopyToldToFailTurnsFailedWithAStateReasonUntilTheFailuresAreCleared() throws Exception {
        String instance = east.runInstances(r -> r.imageId(Ec2State.BASE_IMAGE_ID).instanceType("t3.micro")
                .minCount(1).maxCount(1)).instances().get(0).instanceId();
        advancePast("ec2.instance.launch");
        String source = east.createImage(r -> r.instanceId(instance).name("web-1").noReboot(true)).imageId();
        advancePast("ec2.image.create");
        simulator.world().locked(() -> Ec2State.of(simulator.world().region(WEST)).imageCopyFailures()
                .failNext(5, "Image copy failed"));

        String failed = copyImage(source, "web-1-copy");
        advancePast("ec2.image.copy");
        Image image = west.describeImages(r -> r.imageIds(failed)).images().get(0);
        assertThat(image.stateAsString()).isEqualTo("failed");
        assertThat(image.stateReason().code()).isEqualTo("Server.InternalError");
        assertThat(image.stateReason().message()).isEqualTo("Image copy failed");
        String snapshot = image.blockDeviceMappings().get(0).ebs().snapshotId();
        assertThat(describe(west, snapshot).stateAsString()).isEqualTo("error");

        assertThat(admin("DELETE", "/_sim/copy-failures", null).body()).contains("us-west-2/ami");
        String copied = copyImage(source, "web-1-copy-2");
        advancePast("ec2.image.copy");
        Image ok = west.describeImages(r -> r.imageIds(copied)).images().get(0);
        assertThat(ok.stateAsString()).isEqualTo("available");
        assertThat(ok.stateReason()).isNull();
    }

    @Test
    void anRdsSnapshotCopyToldToFailEndsFailed() throws Exception {
        try (RdsClient rdsEast = clients.rds(EAST); RdsClient rdsWest = clients.rds(WEST)) {
            rdsEast.createDBInstance(r -> r.dbInstanceIdentifier("db").dbInstanceClass("db.t3.micro").engine("mysql")
                    .allocatedStorage(20));
            advancePast("rds.instance.create");
            String arn = rdsEast.createDBSnapshot(r -> r.dbInstanceIdentifier("db").dbSnapshotIdentifier("db-1"))
                    .dbSnapshot().dbSnapshotArn();
            advancePast("rds.snapshot.create");
            assertThat(admin("POST", "/_sim/copy-failures", "{\"region\": \"us-west-2\", \"kind\": \"rds-snapshot\"}")
                    .statusCode()).isEqualTo(201);

            for (String target : new String[] {"db-1-dr", "db-1-dr-2"}) {
                rdsWest.copyDBSnapshot(r -> r.sourceDBSnapshotIdentifier(arn).targetDBSnapshotIdentifier(target)
                        .sourceRegion(EAST));
            }
            advancePast("rds.snapshot.copy");
            assertThat(status(rdsWest, "db-1-dr")).isEqualTo("failed");
            assertThat(status(rdsWest, "db-1-dr-2")).isEqualTo("available");
        }
    }

    @Test
    void badRequestsNameTheFieldAndChangeNothing() throws Exception {
        HttpResponse<String> unknownKind = admin("POST", "/_sim/copy-failures",
                "{\"region\": \"us-west-2\", \"kind\": \"ebs\"}");
        assertThat(unknownKind.statusCode()).isEqualTo(400);
        assertThat(unknownKind.body()).contains("'kind' must be one of [ebs-snapshot, ami, rds-snapshot]");
        HttpResponse<String> noRegion = admin("POST", "/_sim/copy-failures", "{\"kind\": \"ami\", \"count\": 2}");
        assertThat(noRegion.statusCode()).isEqualTo(400);
        assertThat(noRegion.body()).contains("'region' is required");
        HttpResponse<String> zero = admin("POST", "/_sim/copy-failures",
                "{\"region\": \"us-west-2\", \"kind\": \"ami\", \"count\": 0}");
        assertThat(zero.statusCode()).isEqualTo(400);
        assertThat(zero.body()).contains("'count' must be at least 1");
        assertThat(simulator.world().locked(() -> Ec2State.of(simulator.world().region(WEST)).imageCopyFailures()
                .remaining())).isZero();
    }

    String copy(String source) {
        return west.copySnapshot(r -> r.sourceRegion(EAST).sourceSnapshotId(source).destinationRegion(WEST))
                .snapshotId();
    }

    String copyImage(String source, String name) {
        return west.copyImage(r -> r.sourceRegion(EAST).sourceImageId(source).name(name).clientToken(name)).imageId();
    }

    static Snapshot describe(Ec2Client ec2, String id) {
        return ec2.describeSnapshots(r -> r.snapshotIds(id)).snapshots().get(0);
    }

    static String status(RdsClient rds, String id) {
        return rds.describeDBSnapshots(r -> r.dbSnapshotIdentifier(id)).dbSnapshots().get(0).status();
    }
}
