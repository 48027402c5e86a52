package io.drc.simulator.ec2;

import io.drc.simulator.core.AwsError;
import io.drc.simulator.core.RegionState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AccountAttribute;
import software.amazon.awssdk.services.ec2.model.AccountAttributeValue;
import software.amazon.awssdk.services.ec2.model.DescribeAccountAttributesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAccountAttributesResponse;

/** DescribeAccountAttributes: the account's defaults (AWS's values for a new account) and its default VPC. */
public final class AccountOperations {
    private static final Map<String, String> ATTRIBUTES = new LinkedHashMap<>();

    static {
        ATTRIBUTES.put("supported-platforms", "VPC");
        ATTRIBUTES.put("vpc-max-security-groups-per-interface", "5");
        ATTRIBUTES.put("max-elastic-ips", "5");
        ATTRIBUTES.put("max-instances", "20");
        ATTRIBUTES.put("vpc-max-elastic-ips", "5");
        ATTRIBUTES.put("default-vpc", Subnets.DEFAULT_VPC);
    }

    public DescribeAccountAttributesResponse describeAccountAttributes(DescribeAccountAttributesRequest request,
                                                                       RegionState region) {
        List<String> names = request.attributeNamesAsStrings().isEmpty() ? List.copyOf(ATTRIBUTES.keySet())
                : request.attributeNamesAsStrings();
        names.stream().filter(n -> !ATTRIBUTES.containsKey(n)).findFirst().ifPresent(n -> {
            throw AwsError.badRequest("InvalidParameterValue", "Value (" + n + ") for parameter attributeName is "
                    + "invalid. Unknown attribute name");
        });
        return DescribeAccountAttributesResponse.builder().accountAttributes(names.stream()
                .map(n -> AccountAttribute.builder().attributeName(n)
                        .attributeValues(AccountAttributeValue.builder().attributeValue(ATTRIBUTES.get(n)).build())
                        .build())
                .toList()).build();
    }
}
