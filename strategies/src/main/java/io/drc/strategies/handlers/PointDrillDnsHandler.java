package io.drc.strategies.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.drc.strategies.aws.AwsClients;
import io.drc.strategies.aws.DrcTags;
import io.drc.strategies.step.PlannedChange;
import io.drc.strategies.step.StepContext;
import io.drc.strategies.step.StepHandler;
import io.drc.strategies.step.StepParameters;
import io.drc.strategies.step.StepParameters.OptionalParameter;
import io.drc.strategies.step.StepResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerNotFoundException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.RRType;

/**
 * {@code drc:drill:pointDns}: points the drill's DNS record ({@link DrillDns}) at the drill's load balancer
 * {@code loadBalancer} in {@code region}: an alias A record, created with CREATE (Route 53 refuses it if the name
 * was taken meanwhile). Looks first: the name must lie inside the hosted zone, and any record set under it that is
 * not this drill's (another type, another value, a weighted or failover set) is {@code Drc.Conflict} — drc never
 * changes a record it did not make. When this drill's record is already there (a call repeated after a restart) it
 * is submitted again unchanged, so that the change id to await proves it INSYNC. Answers {@code changeId}, null
 * when {@code dns} is absent (drills without DNS: nothing to do). Follow it with {@code drc:route53:awaitInsync}.
 */
public final class PointDrillDnsHandler implements StepHandler {
    /** {@code dns}: null when drills have no DNS record configured. */
    public record Parameters(String region, @OptionalParameter DrillDns dns, @OptionalParameter String loadBalancer,
                             String drillId) { }

    private final AwsClients aws;

    public PointDrillDnsHandler(AwsClients aws) {
        this.aws = aws;
    }

    @Override
    public Class<Parameters> parameterType() {
        return Parameters.class;
    }

    @Override
    public String resource() {
        return "drc:drill:pointDns";
    }

    /** The record it would create (a dry run: the drill's load balancer does not exist yet, so it is named). */
    @Override
    public List<PlannedChange> plan(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        DrillDns dns = parameters.dns();
        if (dns == null) {
            return List.of();
        }
        Route53Client route53 = aws.route53();
        Optional<StepResult> problem = problem(route53, dns, parameters.loadBalancer());
        if (problem.isPresent()) {
            throw new IllegalStateException(((StepResult.Failed) problem.get()).cause());
        }
        if (dns.ours(route53, parameters.loadBalancer()).isPresent()) {
            return List.of();
        }
        return List.of(new PlannedChange("route53:" + dns.hostedZoneId() + ":" + dns.name(), "A alias",
                "(none)", "drill load balancer " + parameters.loadBalancer() + " in " + parameters.region()
                        + " (deleted at cleanup)"));
    }

    @Override
    public StepResult execute(StepContext context) {
        Parameters parameters = StepParameters.read(context, Parameters.class);
        DrillDns dns = parameters.dns();
        if (dns == null) {
            return new StepResult.Succeeded(JsonNodeFactory.instance.objectNode().putNull("changeId"));
        }
        Route53Client route53 = aws.route53();
        Optional<StepResult> problem = problem(route53, dns, parameters.loadBalancer());
        if (problem.isPresent()) {
            return problem.get();
        }
        ElasticLoadBalancingV2Client elb = aws.elbv2(parameters.region());
        Optional<LoadBalancer> balancer = drillLoadBalancer(elb, parameters.loadBalancer(), parameters.drillId());
        if (balancer.isEmpty()) {
            return new StepResult.Failed("Drc.NotFound", "drills.dns: the drill has no load balancer "
                    + parameters.loadBalancer() + " tagged " + DrcTags.DRILL + "=" + parameters.drillId() + " in "
                    + parameters.region() + " to point " + dns.name() + " at (no load balancer fronts the DR target "
                    + "group): leave drills.dns out, or put the DR group behind a load balancer");
        }
        LoadBalancer lb = balancer.get();
        Optional<ResourceRecordSet> existing = dns.ours(route53, lb.loadBalancerName());
        ResourceRecordSet record = existing.orElseGet(() -> ResourceRecordSet.builder().name(dns.name()).type(RRType.A)
                .aliasTarget(a -> a.hostedZoneId(lb.canonicalHostedZoneId()).dnsName(lb.dnsName())
                        .evaluateTargetHealth(false)).build());
        ChangeAction action = existing.isPresent() ? ChangeAction.UPSERT : ChangeAction.CREATE;
        String changeId = route53.changeResourceRecordSets(r -> r.hostedZoneId(dns.hostedZoneId())
                .changeBatch(b -> b.comment("drc " + context.executionId() + " " + context.stepName())
                        .changes(Change.builder().action(action).resourceRecordSet(record).build())))
                .changeInfo().id();
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("changeId", changeId).put("recordName", dns.name())
                .put("target", lb.dnsName());
        return new StepResult.Succeeded(existing.isPresent() ? out.put("alreadySet", true) : out);
    }

    /** A name outside the zone, or taken by a record that is not this drill's: the failure to answer. */
    private static Optional<StepResult> problem(Route53Client route53, DrillDns dns, String loadBalancer) {
        String zone = DrillDns.normalise(route53.getHostedZone(r -> r.id(dns.hostedZoneId())).hostedZone().name());
        String name = dns.name();
        if (!name.endsWith("." + zone)) {
            return Optional.of(new StepResult.Failed("Drc.Conflict", "drills.dns.recordName " + name
                    + " is not inside hosted zone " + dns.hostedZoneId() + " (" + zone + "): name a record under "
                    + zone));
        }
        List<ResourceRecordSet> others = dns.records(route53).stream()
                .filter(s -> loadBalancer == null || !DrillDns.isOurs(s, loadBalancer)).toList();
        if (!others.isEmpty()) {
            ResourceRecordSet other = others.get(0);
            return Optional.of(new StepResult.Failed("Drc.Conflict", "drills.dns.recordName " + name
                    + " already has a " + other.typeAsString() + " record in zone " + dns.hostedZoneId()
                    + " that is not this drill's" + (other.setIdentifier() == null ? ""
                    : " (set identifier " + other.setIdentifier() + ")") + ": drc never changes a record it did not"
                    + " make; choose a name no record uses"));
        }
        return Optional.empty();
    }

    private static Optional<LoadBalancer> drillLoadBalancer(ElasticLoadBalancingV2Client elb, String name, String drill) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<LoadBalancer> found;
        try {
            found = elb.describeLoadBalancers(r -> r.names(name)).loadBalancers().stream().findFirst();
        } catch (LoadBalancerNotFoundException e) {
            return Optional.empty();
        }
        return found.filter(lb -> drill.equals(DrillResources.tags(elb, List.of(lb.loadBalancerArn()))
                .getOrDefault(lb.loadBalancerArn(), Map.of()).get(DrcTags.DRILL)));
    }
}
