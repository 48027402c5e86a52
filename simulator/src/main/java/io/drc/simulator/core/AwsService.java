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
 * One simulated AWS service. An operation is a public method taking the SDK's request model and the caller's
 * region and returning the SDK's response model, e.g.
 * {@code public DescribeImagesResponse describeImages(DescribeImagesRequest request, RegionState region)};
 * the operation's wire name is the request class's name without {@code Request}, matched ignoring case (the SDK
 * names {@code CreateDBInstance} {@code CreateDbInstanceRequest}). Operations live on the
 * service itself or on the operation holders it passes to the constructor (one per resource type keeps
 * classes small). They run with the world locked (see {@link World#locked}) and report failures by throwing
 * {@link AwsError}.
 */
public class AwsService {
    /** An operation and the object it is called on. */
    public record Operation(Object target, Method method) { }

    private final ServiceIdentity identity;
    private final Map<String, Operation> operations;

    protected AwsService(ServiceIdentity identity, Object... operationHolders) {
        this.identity = identity;
        Map<String, Operation> ops = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        scan(this, ops);
        for (Object holder : operationHolders) {
            scan(holder, ops);
        }
        this.operations = Collections.unmodifiableMap(ops);
    }

    private static void scan(Object holder, Map<String, Operation> ops) {
        for (Method m : holder.getClass().getMethods()) {
            Class<?>[] params = m.getParameterTypes();
            if (Modifier.isStatic(m.getModifiers()) || params.length != 2 || params[1] != RegionState.class
                    || !SdkPojo.class.isAssignableFrom(params[0]) || !params[0].getSimpleName().endsWith("Request")) {
                continue;
            }
            String name = params[0].getSimpleName();
            Operation previous = ops.put(name.substring(0, name.length() - "Request".length()), new Operation(holder, m));
            if (previous != null) {
                throw new IllegalStateException("operation " + name + " declared twice: " + previous + " and " + m);
            }
        }
    }

    /** The SigV4 signing name clients use for this service, e.g. {@code ec2}, {@code monitoring}. */
    public String signingName() {
        return identity.signingName();
    }

    public Protocol protocol() {
        return identity.protocol();
    }

    /** The protocol a request speaks; services that accept two (CloudWatch: rpcv2Cbor and query) override this. */
    public Protocol protocolFor(WireRequest request) {
        return protocol();
    }

    /** The error AWS answers with when this service throttles a caller. */
    public AwsError throttlingError() {
        return identity.throttling();
    }

    /** The error AWS answers with on an internal failure. */
    public AwsError serverError() {
        return identity.serverError();
    }

    /**
     * Whether an unsigned request (no SigV4 credential scope) is for this service: by default its {@code Version}
     * form parameter; services routed by path override this. Signed requests are routed by their signing name.
     */
    public boolean claims(WireRequest request) {
        return identity.queryVersion() != null && identity.queryVersion().equals(request.params().get("Version"));
    }

    public Map<String, Operation> operations() {
        return operations;
    }

    /** A new builder of the operation's SDK request class. */
    public SdkPojo requestBuilder(String operation) {
        Method method = operations.get(operation).method();
        try {
            return (SdkPojo) method.getParameterTypes()[0].getMethod("builder").invoke(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build request for " + operation, e);
        }
    }
}
