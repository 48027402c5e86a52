package io.drc.simulator.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.drc.simulator.AwsCli;
import io.drc.simulator.RawHttp;
import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.core.Journal;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A service the simulator does not serve, or an operation a served service does not have, is answered in the
 * protocol the client spoke with AWS's error code, so every SDK and the AWS CLI report an ordinary AWS error.
 */
class UnservedServicesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Simulator simulator;
    private static RawHttp http;

    @BeforeAll
    static void start() {
        simulator = Simulator.start(SimulatorOptions.defaults().withPort(0));
        http = new RawHttp(simulator);
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @BeforeEach
    void clearJournal() {
        simulator.journal().clear();
    }

    @Test
    void queryServiceGetsInvalidActionInXml() {
        HttpResponse<String> sts = http.post("/", Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Authorization", RawHttp.authorization("us-east-1", "sts")), "Action=GetCallerIdentity&Version=2011-06-15");
        assertThat(sts.statusCode()).isEqualTo(400);
        assertThat(sts.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/xml"));
        assertThat(sts.body()).contains("<ErrorResponse>").contains("<Type>Sender</Type>").contains("<Code>InvalidAction</Code>")
                .contains("The drc simulator does not serve sts (operation GetCallerIdentity); it serves ec2,");
        assertThat(simulator.journal().since(0)).singleElement().satisfies(call -> {
            assertThat(call.service()).isEqualTo("sts");
            assertThat(call.action()).isEqualTo("GetCallerIdentity");
            assertThat(call.errorCode()).isEqualTo("InvalidAction");
        });
    }

    @Test
    void jsonServiceGetsUnknownOperationException() throws Exception {
        HttpResponse<String> dynamo = http.post("/", Map.of("Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", "DynamoDB_20120810.ListTables",
                "Authorization", RawHttp.authorization("us-east-1", "dynamodb")), "{}");
        assertThat(dynamo.statusCode()).isEqualTo(400);
        assertThat(dynamo.headers().firstValue("Content-Type")).contains("application/x-amz-json-1.0");
        JsonNode body = JSON.readTree(dynamo.body());
        assertThat(body.get("__type").asText()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
        assertThat(body.get("message").asText()).contains("does not serve dynamodb (operation ListTables)");
    }

    @Test
    void cborServiceGetsUnknownOperationExceptionInCbor() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<byte[]> answer = client.send(HttpRequest.newBuilder(
                        URI.create(simulator.endpoint() + "/service/ArcRegionSwitch/operation/ListPlans"))
                .header("smithy-protocol", "rpc-v2-cbor").header("Content-Type", "application/cbor")
                .header("Authorization", RawHttp.authorization("us-east-1", "arc-region-switch"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new CBORMapper().writeValueAsBytes(Map.of())))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("smithy-protocol")).contains("rpc-v2-cbor");
        JsonNode body = new CBORMapper().readTree(answer.body());
        assertThat(body.get("__type").asText()).isEqualTo("com.amazon.coral.service#UnknownOperationException");
    }

    @Test
    void restServicesGetUnknownOperationExceptionWith404() throws IOException {
        HttpResponse<String> lambda = http.get("/2015-03-31/functions/",
                Map.of("Authorization", RawHttp.authorization("eu-west-1", "lambda")));
        assertThat(lambda.statusCode()).isEqualTo(404);
        assertThat(lambda.headers().firstValue("x-amzn-ErrorType")).contains("UnknownOperationException");
        assertThat(JSON.readTree(lambda.body()).get("message").asText()).contains("does not serve lambda (operation GET /2015-03-31/functions/)");

        HttpResponse<String> s3 = http.get("/", Map.of("Authorization", RawHttp.authorization("us-east-1", "s3")));
        assertThat(s3.statusCode()).isEqualTo(404);
        assertThat(s3.body()).contains("<Error><Code>UnknownOperationException</Code>");
    }

    @Test
    void unknownActionsOfServedServicesAnswerInTheirProtocol() throws Exception {
        HttpResponse<String> query = http.post("/", Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Authorization", RawHttp.authorization("us-east-1", "monitoring")), "Action=PutDashboard&Version=2010-08-01");
        assertThat(query.statusCode()).isEqualTo(400);
        assertThat(query.body()).contains("<Code>InvalidAction</Code>");

        HttpResponse<String> json = http.post("/", Map.of("Content-Type", "application/x-amz-json-1.0",
                "X-Amz-Target", "GraniteServiceVersion20100801.PutDashboard",
                "Authorization", RawHttp.authorization("us-east-1", "monitoring")), "{}");
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(json.body()).get("__type").asText()).isEqualTo("com.amazon.coral.service#UnknownOperationException");

        HttpResponse<String> route53 = http.get("/2013-04-01/trafficpolicies",
                Map.of("Authorization", RawHttp.authorization("us-east-1", "route53")));
        assertThat(route53.statusCode()).isEqualTo(404);
        assertThat(route53.body()).contains("<Code>UnknownOperationException</Code>");
        assertThat(simulator.journal().since(0)).extracting(Journal.Call::errorCode)
                .containsExactly("InvalidAction", "UnknownOperationException", "UnknownOperationException");
    }

    @Test
    void theAwsCliReportsUnservedServicesAsAwsErrors() {
        AwsCli cli = AwsCli.forSimulator(simulator);
        AwsCli.Result sts = cli.run("us-east-1", "sts", "get-caller-identity");
        assertThat(sts.exitCode()).isNotZero();
        assertThat(sts.stderr()).contains("(InvalidAction)").contains("does not serve sts");
        AwsCli.Result dynamo = cli.run("us-east-1", "dynamodb", "list-tables");
        assertThat(dynamo.stderr()).contains("(UnknownOperationException)").contains("does not serve dynamodb");
        AwsCli.Result lambda = cli.run("us-east-1", "lambda", "list-functions");
        assertThat(lambda.stderr()).contains("(UnknownOperationException)").contains("does not serve lambda");
    }
}
