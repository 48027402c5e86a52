package io.drc.simulator.ec2;

import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.EbsStatusDetails;
import software.amazon.awssdk.services.ec2.model.EbsStatusSummary;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusDetails;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;

/**
 * DescribeInstanceStatus: a running instance's status checks are {@code initializing} for
 * {@code ec2.instance.checks} after it starts running, then {@code ok}; other instances are shown only with
 * IncludeAllInstances, their checks {@code not-applicable}.
 */
public final class InstanceStatusOperations {
    private static final Ec2Filters<Ec2Instance> FILTERS = Ec2Filters.ofResources(
            Map.<String, Function<Ec2Instance, Object>>of(
            "availability-zone", i -> i.availabilityZone,
            "instance-state-name", i -> i.state,
            "instance-state-code", i -> Ec2Instance.stateCode(i.state),
            "instance-status.status", InstanceStatusOperations::summary,
            "system-status.status", InstanceStatusOperations::summary,
            "instance-status.reachability", InstanceStatusOperations::reachability,
            "system-status.reachability", InstanceStatusOperations::reachability));

    public DescribeInstanceStatusResponse describeInstanceStatus(DescribeInstanceStatusRequest request,
                                                                 RegionState region) {
        boolean all = Boolean.TRUE.equals(request.includeAllInstances());
        List<Ec2Instance> selected = Ec2Query.select(Ec2State.of(region).instances, Ec2Kind.INSTANCE,
                request.instanceIds(), request.filters(), FILTERS).stream()
                .filter(i -> all || i.state.equals("running")).toList();
        Pages.Page<Ec2Instance> page = Ec2Query.page(selected, request.instanceIds(), request.nextToken(),
                request.maxResults());
        return DescribeInstanceStatusResponse.builder().nextToken(page.nextToken())
                .instanceStatuses(page.items().stream().map(InstanceStatusOperations::view).toList()).build();
    }

    private static String summary(Ec2Instance i) {
        if (!i.state.equals("running")) {
            return "not-applicable";
        }
        return i.checksPassed ? "ok" : "initializing";
    }

    private static String reachability(Ec2Instance i) {
        if (!i.state.equals("running")) {
            return null;
        }
        return i.checksPassed ? "passed" : "initializing";
    }

    private static InstanceStatus view(Ec2Instance i) {
        String reachability = reachability(i);
        List<InstanceStatusDetails> details = reachability == null ? List.of()
                : List.of(InstanceStatusDetails.builder().name("reachability").status(reachability).build());
        InstanceStatusSummary checks = InstanceStatusSummary.builder().status(summary(i)).details(details).build();
        String zone = i.availabilityZone;
        return InstanceStatus.builder().instanceId(i.id).availabilityZone(zone)
                .availabilityZoneId(RegionOperations.zoneId(zone.substring(0, zone.length() - 1),
                        zone.charAt(zone.length() - 1) - 'a'))
                .instanceState(InstanceOperations.state(i.state)).instanceStatus(checks).systemStatus(checks)
                .attachedEbsStatus(EbsStatusSummary.builder().status(summary(i)).details(reachability == null
                        ? List.of() : List.of(EbsStatusDetails.builder().name("reachability").status(reachability)
                        .build())).build())
                .events(List.of()).build();
    }
}
