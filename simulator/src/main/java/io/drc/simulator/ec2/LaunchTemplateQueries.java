package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.Pages;
import io.drc.simulator.core.RegionState;
import io.drc.simulator.core.World;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplateVersionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeLaunchTemplatesResponse;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.ResponseLaunchTemplateData;

/** DescribeLaunchTemplates and DescribeLaunchTemplateVersions ({@code $Default}, {@code $Latest}, numbers). */
public final class LaunchTemplateQueries {
    /** Both Describe calls take MaxResults 1..200. */
    private static final int MAX_RESULTS = 200;
    private static final String CREATED_BY = "arn:aws:iam::" + World.ACCOUNT_ID + ":root";
    private static final Ec2Filters<Ec2LaunchTemplate> FILTERS = Ec2Filters.ofResources(
            Map.<String, Function<Ec2LaunchTemplate, Object>>of("launch-template-name", t -> t.name));

    public DescribeLaunchTemplatesResponse describeLaunchTemplates(DescribeLaunchTemplatesRequest request,
                                                                   RegionState region) {
        Ec2State ec2 = Ec2State.of(region);
        List<Ec2LaunchTemplate> named = new ArrayList<>();
        for (String name : request.launchTemplateNames()) {
            named.add(ec2.launchTemplateNamed(name).orElseThrow(() -> AwsError.badRequest(
                    "InvalidLaunchTemplateName.NotFoundException",
                    "At least one of the launch templates specified in the request does not exist.")));
        }
        List<String> ids = new ArrayList<>(request.launchTemplateIds());
        named.forEach(t -> ids.add(t.id));
        List<Ec2LaunchTemplate> selected = Ec2Query.select(ec2.launchTemplates, Ec2Kind.LAUNCH_TEMPLATE, ids,
                request.filters(), FILTERS);
        Pages.Page<Ec2LaunchTemplate> page = Ec2Query.page(selected, ids, request.nextToken(), request.maxResults(),
                1, MAX_RESULTS);
        return DescribeLaunchTemplatesResponse.builder().nextToken(page.nextToken())
                .launchTemplates(page.items().stream().map(LaunchTemplateQueries::view).toList()).build();
    }

    public DescribeLaunchTemplateVersionsResponse describeLaunchTemplateVersions(
            DescribeLaunchTemplateVersionsRequest request, RegionState region) {
        Ec2LaunchTemplate template = Ec2State.of(region).launchTemplate(request.launchTemplateId(),
                request.launchTemplateName());
        List<Ec2LaunchTemplate.Version> versions = request.versions().isEmpty() ? template.versions
                : request.versions().stream().map(v -> template.version(v)
                        .orElseThrow(() -> LaunchTemplateOperations.versionNotFound(template, v))).toList();
        Pages.Page<Ec2LaunchTemplate.Version> page = Ec2Query.page(versions, request.versions(), request.nextToken(),
                request.maxResults(), 1, MAX_RESULTS);
        return DescribeLaunchTemplateVersionsResponse.builder().nextToken(page.nextToken())
                .launchTemplateVersions(page.items().stream().map(v -> view(template, v)).toList()).build();
    }

    static LaunchTemplate view(Ec2LaunchTemplate t) {
        return LaunchTemplate.builder().launchTemplateId(t.id).launchTemplateName(t.name).createTime(t.createdAt)
                .createdBy(CREATED_BY).defaultVersionNumber((long) t.defaultVersion)
                .latestVersionNumber((long) t.latestVersion()).tags(Ec2Tags.sdk(t)).build();
    }

    static LaunchTemplateVersion view(Ec2LaunchTemplate t, Ec2LaunchTemplate.Version v) {
        return LaunchTemplateVersion.builder().launchTemplateId(t.id).launchTemplateName(t.name)
                .versionNumber((long) v.number()).versionDescription(v.description()).createTime(v.createdAt())
                .createdBy(CREATED_BY).defaultVersion(v.number() == t.defaultVersion)
                .launchTemplateData(ResponseLaunchTemplateData.builder().imageId(v.imageId())
                        .instanceType(v.instanceType()).keyName(v.keyName()).build())
                .build();
    }
}
