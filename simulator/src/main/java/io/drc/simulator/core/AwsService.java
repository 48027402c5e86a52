package io.drc.simulator.core;

import io.drc.simulator.protocol.Protocol;
import io.drc.simulator.protocol.WireRequest;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkPojo;

/**
 * One simulated AWS service. Subclasses declare an operation as a public method taking the SDK's request
 * model and the caller's region and returning the SDK's response model, e.g.
 * {@code public DescribeImagesResponse describeImages(DescribeImagesRequest request, RegionState region)};
 * the operation's wire name is the request class's name without {@code Request}. Operations run with the
 * world locked (see {@link World#locked}) and report failures by throwing {@link AwsError}.
 */
public abstract class AwsService {
    private final Map<String, Method> operations;

    protected AwsService() {
        Map<String, Method> ops = new TreeMap<>();
        for (Method m : getClass().getMethods()) {
            Class<?>[] params = m.getParameterTypes();
            if (Modifier.isStatic(m.getModifiers()) || params.length != 2 || params[1] != RegionState.class
                    || !SdkPojo.class.isAssignableFrom(params[0]) || !params[0].getSimpleName().endsWith("Request")) {
                continue;
            }
            String name = params[0].getSimpleName();
            ops.put(name.substring(0, name.length() - "Request".length()), m);
        }
        this.operations = Collections.unmodifiableMap(ops);
    }

    /** The SigV4 signing name clients use for this service, e.g. {@code ec2}, {@code monitoring}. */
    public abstract String signingName();

    public abstract Protocol protocol();

    /** The error AWS answers with when this service throttles a caller. */
    public abstract AwsError throttlingError();

    /** The error AWS answers with on an internal failure. */
    public AwsError serverError() {
        return new AwsError(500, "InternalFailure", "We encountered an internal error. Please try again.");
    }

    /**
     * Whether an unsigned request (no SigV4 credential scope) is for this service, e.g. by its {@code Version}
     * form parameter or its path. Signed requests are routed by their signing name.
     */
    public boolean claims(WireRequest request) {
        return false;
    }

    public Map<String, Method> operations() {
        return operations;
    }

    /** A new builder of the operation's SDK request class. */
    public SdkPojo requestBuilder(String operation) {
        Method method = operations.get(operation);
        try {
            return (SdkPojo) method.getParameterTypes()[0].getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build request for " + operation, e);
        }
    }
}
