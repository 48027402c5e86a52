package io.drc.controller.config.checks;

import io.drc.controller.DrcConfiguration;
import io.drc.controller.config.AwsConfig;
import io.drc.strategies.aws.AwsService;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Endpoint overrides must be absolute http(s) URLs for known regions and services. */
final class AwsOverridesCheck implements ConfigCheck {
    private static final String SERVICE_NAMES = Arrays.stream(AwsService.values())
            .map(AwsService::configName).collect(Collectors.joining(", "));

    @Override
    public List<Problem> check(DrcConfiguration config) {
        List<Problem> problems = new ArrayList<>();
        AwsConfig aws = config.getAws();
        if (aws == null) {
            return problems;
        }
        checkEndpoint(problems, "aws.endpoint", aws.endpoint());
        aws.regions().forEach((region, overrides) -> {
            String path = "aws.regions." + region;
            if (!AwsRegionNames.isKnown(region)) {
                problems.add(new Problem(path, "'" + region + "' is not an AWS region", AwsRegionNames.hint()));
            }
            if (overrides != null) {
                checkEndpoint(problems, path + ".endpoint", overrides.endpoint());
                overrides.services().forEach((service, serviceConfig) ->
                        checkService(problems, path + ".services." + service, service, serviceConfig));
            }
        });
        return problems;
    }

    private static void checkService(List<Problem> problems, String path, String service,
            AwsConfig.ServiceConfig serviceConfig) {
        if (AwsService.fromConfigName(service).isEmpty()) {
            problems.add(new Problem(path, "'" + service + "' is not a service drc uses",
                    "use one of " + SERVICE_NAMES));
        }
        if (serviceConfig != null) {
            checkEndpoint(problems, path + ".endpoint", serviceConfig.endpoint());
        }
    }

    private static void checkEndpoint(List<Problem> problems, String path, URI endpoint) {
        if (endpoint == null) {
            return;
        }
        boolean http = "http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme());
        if (!http || endpoint.getHost() == null) {
            problems.add(new Problem(path, "'" + endpoint + "' is not an absolute http(s) URL",
                    "write it like http://127.0.0.1:4566 or https://ec2.us-east-1.amazonaws.com"));
        }
    }
}
