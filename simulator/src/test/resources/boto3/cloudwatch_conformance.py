"""Drives CloudWatch on the drc simulator with boto3 and checks every answer against botocore's own service model.

Usage: python3 cloudwatch_conformance.py ENDPOINT [Shape.Member ...]
The simulator must run on a manual clock (the script moves it through /_sim/clock/advance). Prints one JSON
object: the botocore version, the protocol botocore chose, the operations checked and the problems found (an
answer member the model does not have, a value of the wrong type or outside its enum, a missing required member,
an error without its code, or a behaviour that differs from CloudWatch's). Members named on the command line are
ones AWS added after an older botocore's model (e.g. MetricAlarm.StateTransitionedTimestamp for Debian's): where
this model lacks them they are listed under "newer" instead of being problems.
"""
import base64
import datetime
import json
import sys
import urllib.request
import xml.etree.ElementTree as ET

import boto3
import botocore
from botocore.config import Config
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
NEWER_THAN_MODEL = set(sys.argv[2:])
problems = []
newer = set()
checked = {}


def problem(where, text):
    problems.append(f"{where}: {text}")


# --- the shape checks -----------------------------------------------------------------------------------------

def wire_name(name, shape):
    return shape.serialization.get("name", name)


def check_scalar(shape, value, where, from_xml):
    kind = shape.type_name
    if kind == "string":
        if not isinstance(value, str):
            problem(where, f"expected a string, got {value!r}")
        elif shape.enum and value not in shape.enum:
            problem(where, f"{value!r} is not one of {shape.enum}")
    elif kind in ("integer", "long"):
        try:
            ok = int(value) == float(value) if from_xml else isinstance(value, int) and not isinstance(value, bool)
        except ValueError:
            ok = False
        if not ok:
            problem(where, f"expected an integer, got {value!r}")
    elif kind in ("double", "float"):
        try:
            ok = True if from_xml and float(value) is not None else (
                isinstance(value, (int, float)) and not isinstance(value, bool)
                or value in ("NaN", "Infinity", "-Infinity"))
        except ValueError:
            ok = False
        if not ok:
            problem(where, f"expected a number, got {value!r}")
    elif kind == "boolean":
        if (value not in ("true", "false")) if from_xml else not isinstance(value, bool):
            problem(where, f"expected a boolean, got {value!r}")
    elif kind == "timestamp":
        try:
            if from_xml:
                datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
            elif not isinstance(value, (int, float)) or isinstance(value, bool):
                raise ValueError(value)
        except ValueError:
            problem(where, f"expected a timestamp ({'ISO 8601' if from_xml else 'epoch seconds'}), got {value!r}")
    elif kind == "blob":
        try:
            base64.b64decode(value, validate=True)
        except Exception:  # noqa: BLE001 - any decoding failure is the finding
            problem(where, f"expected base64, got {value!r}")


def unmodelled(shape, name, by_wire, where):
    if f"{shape.name}.{name}" in NEWER_THAN_MODEL:
        newer.add(f"{shape.name}.{name}")
    else:
        problem(where, f"member {name!r} is not in the model ({sorted(by_wire)})")


def check_json(shape, value, where):
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return problem(where, f"expected an object, got {value!r}")
        by_wire = {wire_name(n, s): (n, s) for n, s in shape.members.items()}
        for key, item in value.items():
            if key not in by_wire:
                unmodelled(shape, key, by_wire, where)
            elif item is not None:
                check_json(by_wire[key][1], item, f"{where}.{key}")
        for required in shape.required_members:
            if wire_name(required, shape.members[required]) not in value:
                problem(where, f"required member {required!r} is missing")
    elif kind == "list":
        if not isinstance(value, list):
            return problem(where, f"expected a list, got {value!r}")
        for i, item in enumerate(value):
            check_json(shape.member, item, f"{where}[{i}]")
    elif kind == "map":
        if not isinstance(value, dict):
            return problem(where, f"expected a map, got {value!r}")
        for key, item in value.items():
            check_scalar(shape.key, key, f"{where} key", False)
            check_json(shape.value, item, f"{where}[{key!r}]")
    else:
        check_scalar(shape, value, where, False)


def local(tag):
    return tag.split("}", 1)[-1]


def check_xml(shape, element, where):
    kind = shape.type_name
    if kind == "structure":
        by_wire = {wire_name(n, s): (n, s) for n, s in shape.members.items()}
        seen = set()
        for child in element:
            name = local(child.tag)
            seen.add(name)
            if name not in by_wire:
                unmodelled(shape, name, by_wire, where)
            else:
                check_xml(by_wire[name][1], child, f"{where}.{name}")
        for required in shape.required_members:
            if wire_name(required, shape.members[required]) not in seen:
                problem(where, f"required member {required!r} is missing")
    elif kind == "list":
        member = shape.member.serialization.get("name", "member")
        for i, child in enumerate(element):
            if local(child.tag) != member:
                problem(where, f"list item element {local(child.tag)!r} should be {member!r}")
            check_xml(shape.member, child, f"{where}[{i}]")
    elif kind == "map":
        key_name = shape.key.serialization.get("name", "key")
        value_name = shape.value.serialization.get("name", "value")
        for entry in element:
            parts = {local(c.tag): c for c in entry}
            if local(entry.tag) != "entry" or set(parts) != {key_name, value_name}:
                problem(where, f"map entry should be <entry><{key_name}/><{value_name}/></entry>")
                continue
            check_xml(shape.value, parts[value_name], f"{where}[{parts[key_name].text!r}]")
    else:
        check_scalar(shape, element.text or "", where, True)


def check_answer(http_response, model, **_):
    name = model.name
    body = http_response.content or b""
    where = name + (" error" if http_response.status_code >= 300 else "")
    protocol = wire_protocol(model.service_model)
    if http_response.status_code >= 300:
        check_error(http_response, protocol, where)
    elif protocol == "json":
        document = json.loads(body or b"{}")
        if model.output_shape is None:
            if document:
                problem(where, f"expected an empty answer, got {document!r}")
        else:
            check_json(model.output_shape, document, name)
    elif protocol == "query":
        root = ET.fromstring(body)
        if local(root.tag) != name + "Response":
            problem(where, f"root element {local(root.tag)!r} should be {name}Response")
        children = {local(c.tag): c for c in root}
        if "ResponseMetadata" not in children or children["ResponseMetadata"].find("./*") is None:
            problem(where, "no ResponseMetadata/RequestId")
        if model.output_shape is not None:
            wrapper = model.output_shape.serialization.get("resultWrapper")
            if wrapper not in children:
                problem(where, f"no {wrapper} element")
            else:
                check_xml(model.output_shape, children[wrapper], name)
    else:
        problem(where, f"no wire check written for protocol {protocol}")
    checked[name] = protocol


def wire_protocol(service_model):
    """The protocol botocore speaks: newer ones choose among the model's "protocols", older ones have one."""
    return getattr(service_model, "resolved_protocol", service_model.protocol)


def check_error(http_response, protocol, where):
    body = http_response.content or b""
    if protocol == "json":
        document = json.loads(body)
        if "__type" not in document or "message" not in document:
            problem(where, f"an AWS JSON error has __type and message: {document!r}")
        if "x-amzn-query-error" not in http_response.headers:
            problem(where, "no x-amzn-query-error header (CloudWatch is awsQueryCompatible)")
    elif protocol == "query":
        root = ET.fromstring(body)
        error = root.find("./{*}Error")
        if local(root.tag) != "ErrorResponse" or error is None:
            problem(where, "a query error is <ErrorResponse><Error>")
        elif {local(c.tag) for c in error} != {"Type", "Code", "Message"}:
            problem(where, f"<Error> has {[local(c.tag) for c in error]}, expected Type, Code, Message")


# --- the scenario ---------------------------------------------------------------------------------------------

def admin(path, payload=None):
    request = urllib.request.Request(ENDPOINT + "/_sim" + path, method="POST" if payload is not None else "GET",
                                     data=None if payload is None else json.dumps(payload).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.load(answer)


def now():
    return datetime.datetime.fromisoformat(admin("/health")["now"].replace("Z", "+00:00"))


def to_next_minute():
    seconds = 60 - now().second - now().microsecond / 1e6
    admin("/clock/advance", {"seconds": seconds})


def expect(what, actual, wanted):
    if actual != wanted:
        problem("behaviour", f"{what}: expected {wanted!r}, got {actual!r}")


def expect_error(what, code, call, **kwargs):
    try:
        call(**kwargs)
        problem("behaviour", f"{what}: expected error {code}, the call succeeded")
    except ClientError as e:
        expect(what + " error code", e.response["Error"]["Code"], code)


def scenario(cw):
    dims = [{"Name": "Resource", "Value": "db"}]
    minute = now().replace(second=0, microsecond=0)
    cw.put_metric_data(Namespace="Drc", MetricData=[
        {"MetricName": "Rpo", "Dimensions": dims, "Timestamp": minute + datetime.timedelta(seconds=10), "Value": v,
         "Unit": "Seconds"} for v in (100.0, 200.0, 300.0, 400.0)])
    metrics = cw.list_metrics(Namespace="Drc")["Metrics"]
    expect("ListMetrics", [(m["MetricName"], m["Dimensions"]) for m in metrics], [("Rpo", dims)])

    stats = cw.get_metric_statistics(Namespace="Drc", MetricName="Rpo", Dimensions=dims,
                                     StartTime=minute + datetime.timedelta(seconds=30),
                                     EndTime=minute + datetime.timedelta(minutes=2), Period=60,
                                     Statistics=["Maximum", "SampleCount", "Average"], ExtendedStatistics=["p50"])
    points = stats["Datapoints"]
    expect("GetMetricStatistics datapoints", len(points), 1)
    if points:
        expect("a 60 s period starts on the whole minute", points[0]["Timestamp"], minute)
        expect("Maximum", points[0]["Maximum"], 400.0)
        expect("p50", points[0].get("ExtendedStatistics", {}).get("p50"), 200.0)
        expect("Unit", points[0]["Unit"], "Seconds")
    data = cw.get_metric_data(StartTime=minute, EndTime=minute + datetime.timedelta(minutes=5), MetricDataQueries=[
        {"Id": "rpo", "MetricStat": {"Metric": {"Namespace": "Drc", "MetricName": "Rpo", "Dimensions": dims},
                                     "Period": 60, "Stat": "Maximum"}}])["MetricDataResults"]
    expect("GetMetricData values", [r["Values"] for r in data], [[400.0]])

    cw.put_metric_alarm(AlarmName="rpo-db", Namespace="Drc", MetricName="Rpo", Dimensions=dims, Statistic="Maximum",
                        Period=60, EvaluationPeriods=1, Threshold=300.0, ComparisonOperator="GreaterThanThreshold",
                        TreatMissingData="breaching")
    alarm = cw.describe_alarms(AlarmNames=["rpo-db"])["MetricAlarms"][0]
    expect("a new alarm", (alarm["StateValue"], alarm["StateReason"]),
           ("INSUFFICIENT_DATA", "Unchecked: Initial alarm creation"))
    to_next_minute()
    alarm = cw.describe_alarms(AlarmNames=["rpo-db"])["MetricAlarms"][0]
    expect("the alarm at the next whole minute", alarm["StateValue"], "ALARM")
    expect("DescribeAlarmsForMetric", [a["AlarmName"] for a in cw.describe_alarms_for_metric(
        Namespace="Drc", MetricName="Rpo", Dimensions=dims)["MetricAlarms"]], ["rpo-db"])
    cw.set_alarm_state(AlarmName="rpo-db", StateValue="OK", StateReason="by hand", StateReasonData='{"by": "test"}')
    history = cw.describe_alarm_history(AlarmName="rpo-db")["AlarmHistoryItems"]
    expect("DescribeAlarmHistory", [h["HistorySummary"] for h in history],
           ["Alarm updated from ALARM to OK", "Alarm updated from INSUFFICIENT_DATA to ALARM", 'Alarm "rpo-db" created'])
    for item in history:
        json.loads(item["HistoryData"])
    cw.delete_alarms(AlarmNames=["rpo-db"])

    expect_error("DeleteAlarms of an unknown alarm", "ResourceNotFound", cw.delete_alarms, AlarmNames=["rpo-db"])
    expect_error("PutMetricData into AWS/", "InvalidParameterValue", cw.put_metric_data, Namespace="AWS/EC2",
                 MetricData=[{"MetricName": "X", "Value": 1.0}])
    expect_error("SetAlarmState of an unknown alarm", "ResourceNotFound", cw.set_alarm_state, AlarmName="none",
                 StateValue="OK", StateReason="x")
    expect_error("GetMetricStatistics without statistics", "MissingParameter", cw.get_metric_statistics,
                 Namespace="Drc", MetricName="Rpo", StartTime=minute, EndTime=minute + datetime.timedelta(minutes=1),
                 Period=60)


def main():
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test", region_name="us-west-2")
    cw = session.client("cloudwatch", endpoint_url=ENDPOINT, config=Config(retries={"max_attempts": 1}))
    cw.meta.events.register("after-call.cloudwatch", check_answer)
    try:
        scenario(cw)
    except Exception as e:  # noqa: BLE001 - reported, so the Java test shows it with the rest
        problem("scenario", f"{type(e).__name__}: {e}")
    print(json.dumps({"botocore": botocore.__version__, "protocol": wire_protocol(cw.meta.service_model),
                      "checked": checked, "newer": sorted(newer), "problems": problems}))


main()
