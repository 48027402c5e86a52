package io.drc.simulator.route53;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.TestClients;
import io.drc.simulator.core.FaultRule;
import io.drc.simulator.core.Journal;
import io.drc.simulator.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.HostedZoneAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

class Route53SdkTest {
    private static Simulator simulator;
    private static Route53Client route53;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0)
                .withClock(new ManualClock(Instant.parse("2026-01-01T00:00:00Z"))));
        route53 = new TestClients(simulator).route53();
    }

    @AfterAll
    static void stop() {
        route53.close();
        simulator.close();
    }

    @Test
    void weightFlipInOneUpsertBatchGoesInsyncOnlyAfterTheConfiguredDuration() {
        String zoneId = createZone("flip.example.com", "flip-1").hostedZone().id();
        ChangeInfo created = route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(
                change(ChangeAction.CREATE, weighted("app.flip.example.com", "primary", 100, "10.0.0.1")),
                change(ChangeAction.CREATE, weighted("app.flip.example.com", "dr", 0, "10.1.0.1"))))).changeInfo();
        simulator.manualClock().advance(Duration.ofSeconds(30));
        assertThat(status(created.id())).isEqualTo(ChangeStatus.INSYNC);

        ChangeInfo flip = route53.changeResourceRecordSets(r -> r.hostedZoneId("/hostedzone/" + zoneId)
                .changeBatch(b -> b.comment("fail over").changes(
                        change(ChangeAction.UPSERT, weighted("app.flip.example.com", "primary", 0, "10.0.0.1")),
                        change(ChangeAction.UPSERT, weighted("app.flip.example.com", "dr", 100, "10.1.0.1"))))).changeInfo();

        assertThat(flip.status()).isEqualTo(ChangeStatus.PENDING);
        assertThat(flip.id()).startsWith("C");
        assertThat(flip.comment()).isEqualTo("fail over");
        simulator.manualClock().advance(Duration.ofSeconds(29));
        assertThat(status(flip.id())).isEqualTo(ChangeStatus.PENDING);
        simulator.manualClock().advance(Duration.ofSeconds(1));
        assertThat(status(flip.id())).isEqualTo(ChangeStatus.INSYNC);
        assertThat(records(zoneId)).filteredOn(rs -> rs.type() == RRType.A)
                .extracting(ResourceRecordSet::setIdentifier, ResourceRecordSet::weight)
                .containsExactly(tuple("dr", 100L),
                        tuple("primary", 0L));
    }

    @Test
    void invalidBatchAppliesNothingAndNamesEveryProblem() {
        String zoneId = createZone("atomic.example.com", "atomic-1").hostedZone().id();
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(
                change(ChangeAction.CREATE, simple("www.atomic.example.com", "10.0.0.1")))));
        List<ResourceRecordSet> before = records(zoneId);

        assertThatThrownBy(() -> route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(
                change(ChangeAction.UPSERT, simple("api.atomic.example.com", "10.0.0.2")),
                change(ChangeAction.CREATE, simple("www.atomic.example.com", "10.0.0.3")),
                change(ChangeAction.DELETE, simple("old.atomic.example.com", "10.0.0.4")),
                change(ChangeAction.DELETE, simple("www.atomic.example.com", "10.9.9.9"))))))
                .isInstanceOfSatisfying(InvalidChangeBatchException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .contains("Tried to create resource record set [name='www.atomic.example.com.', type='A'] "
                                    + "but it already exists")
                            .contains("Tried to delete resource record set [name='old.atomic.example.com.', type='A'] "
                                    + "but it was not found")
                            .contains("but the values provided do not match the current values");
                });
        assertThat(records(zoneId)).isEqualTo(before);
        assertThat(simulator.admin().snapshot().get("global").toString())
                .contains("Route53State").contains("www.atomic.example.com.");
    }

    @Test
    void recordSetsArePagedInAwsOrderWithNextRecordMarkers() {
        String zoneId = createZone("page.example.com", "page-1").hostedZone().id();
        List<Change> changes = new ArrayList<>();
        for (String name : List.of("b.page.example.com", "a.page.example.com", "x.a.page.example.com", "c.page.example.com")) {
            changes.add(change(ChangeAction.CREATE, simple(name, "10.0.0.1")));
        }
        changes.add(change(ChangeAction.CREATE, weighted("w.page.example.com", "two", 1, "10.0.0.2")));
        changes.add(change(ChangeAction.CREATE, weighted("w.page.example.com", "one", 1, "10.0.0.3")));
        route53.changeResourceRecordSets(r -> r.hostedZoneId(zoneId).changeBatch(b -> b.changes(changes)));

        List<String> seen = new ArrayList<>();
        ListResourceRecordSetsResponse page = route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId).maxItems("3"));
        int pages = 1;
        page.resourceRecordSets().forEach(rs -> seen.add(label(rs)));
        while (page.isTruncated()) {
            ListResourceRecordSetsResponse previous = page;
            page = route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId).maxItems("3")
                    .startRecordName(previous.nextRecordName()).startRecordType(previous.nextRecordType())
                    .startRecordIdentifier(previous.nextRecordIdentifier()));
            page.resourceRecordSets().forEach(rs -> seen.add(label(rs)));
            pages++;
        }

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("page.example.com./NS", "page.example.com./SOA", "a.page.example.com./A",
                "x.a.page.example.com./A", "b.page.example.com./A", "c.page.example.com./A",
                "w.page.example.com./A/one", "w.page.example.com./A/two");
    }

    @Test
    void unknownZoneAndChangeAreNotFound() {
        assertThatThrownBy(() -> route53.listResourceRecordSets(r -> r.hostedZoneId("ZNOSUCHZONE")))
                .isInstanceOfSatisfying(NoSuchHostedZoneException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchHostedZone");
                });
        assertThatThrownBy(() -> route53.getChange(r -> r.id("CNOSUCHCHANGE")))
                .isInstanceOfSatisfying(NoSuchChangeException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }

    @Test
    void callerReferenceIsTheIdempotencyKeyAndZonesAreListed() {
        CreateHostedZoneResponse created = createZone("idem.example.com", "idem-1");
        assertThat(created.changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
        assertThat(created.delegationSet().nameServers()).hasSize(4);
        assertThat(created.location()).endsWith("/hostedzone/" + created.hostedZone().id());
        assertThat(created.hostedZone().resourceRecordSetCount()).isEqualTo(2L);
        assertThatThrownBy(() -> createZone("idem.example.com", "idem-1"))
                .isInstanceOfSatisfying(HostedZoneAlreadyExistsException.class, e -> assertThat(e.statusCode()).isEqualTo(409));

        assertThat(route53.getHostedZone(r -> r.id(created.hostedZone().id())).hostedZone().name()).isEqualTo("idem.example.com.");
        assertThat(route53.listHostedZonesPaginator(r -> r.maxItems("1")).hostedZones().stream().map(HostedZone::name))
                .contains("idem.example.com.");
        assertThat(route53.listHostedZonesByName(r -> r.dnsName("idem.example.com").maxItems("1")).hostedZones())
                .extracting(HostedZone::id).containsExactly("/hostedzone/" + created.hostedZone().id()); // the SDK strips the prefix only from some responses
    }

    @Test
    void throttlingIsRetriedByTheSdk() {
        long before = simulator.journal().lastSeq();
        simulator.faults().add(new FaultRule(null, FaultRule.Kind.THROTTLE, null, "route53", "ListHostedZones", 1.0, null, 1));
        assertThat(route53.listHostedZones().hostedZones()).isNotNull();
        assertThat(simulator.journal().since(before)).extracting(Journal.Call::action, Journal.Call::errorCode)
                .containsExactly(tuple("ListHostedZones", "Throttling"),
                        tuple("ListHostedZones", null));
    }

    private static CreateHostedZoneResponse createZone(String name, String reference) {
        return route53.createHostedZone(r -> r.name(name).callerReference(reference));
    }

    private static ChangeStatus status(String changeId) {
        return route53.getChange(r -> r.id(changeId)).changeInfo().status();
    }

    private static List<ResourceRecordSet> records(String zoneId) {
        return route53.listResourceRecordSets(r -> r.hostedZoneId(zoneId)).resourceRecordSets();
    }

    private static String label(ResourceRecordSet rs) {
        return rs.name() + "/" + rs.typeAsString() + (rs.setIdentifier() == null ? "" : "/" + rs.setIdentifier());
    }

    static Change change(ChangeAction action, ResourceRecordSet rs) {
        return Change.builder().action(action).resourceRecordSet(rs).build();
    }

    static ResourceRecordSet simple(String name, String ip) {
        return ResourceRecordSet.builder().name(name).type(RRType.A).ttl(60L)
                .resourceRecords(ResourceRecord.builder().value(ip).build()).build();
    }

    static ResourceRecordSet weighted(String name, String id, long weight, String ip) {
        return simple(name, ip).toBuilder().setIdentifier(id).weight(weight).build();
    }
}
