package io.drc.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Hand-made HTTP requests to a simulator, for wire shapes no Java SDK client sends (AWS JSON 1.0 CloudWatch,
 * services the simulator does not serve). Requests carry a SigV4-looking {@code Authorization} header whose
 * credential scope names the region and service, which is all the simulator reads of it.
 */
public final class RawHttp {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;

    public RawHttp(Simulator simulator) {
        this.endpoint = simulator.endpoint();
    }

    public static String authorization(String region, String service) {
        return "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/" + region + "/" + service
                + "/aws4_request, SignedHeaders=host;x-amz-date, Signature=0000";
    }

    /** POSTs {@code body} to {@code path} with {@code headers}. */
    public HttpResponse<String> post(String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path))
                .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public HttpResponse<String> get(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
        headers.forEach(request::header);
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("cannot reach the simulator at " + endpoint + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
