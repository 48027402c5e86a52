"""The conformance suite's scenarios and wire checks, shared by its two independent clients: boto3
(conformance.py) and the AWS CLI (conformance_cli.py). Each drives the drc simulator through every operation it claims
(GET /_sim/operations), for every service, in both regions, and checks every answer, as it crossed the wire, against
its botocore's own service models.

Usage: python3 conformance.py|conformance_cli.py ENDPOINT [--only SERVICE] [Shape.Member ...]
The simulator must run on a manual clock (the scenarios move it through /_sim/clock/advance) and, without --only,
hold the demo application (DemoSeeder). The driver prints one JSON object: the client and botocore versions, the
protocol botocore chose per service, the operations checked (with the clients' region), the number of answer members
checked against the model, paginators and waiters used, the operations each model has that the simulator does not
serve, and the problems found (an answer member the model does not have, a value of the wrong type or outside its
enum, a missing required member, an error without its code, or a behaviour that differs from AWS's). Members named on
the command line are ones AWS added after an older botocore's model (e.g. MetricAlarm.StateTransitionedTimestamp for
Debian's): where this model lacks them they are listed under "newer" instead of being problems.

A client is anything with boto3's client interface: operations as snake_case methods taking the API's parameters,
meta.service_model, can_paginate/get_paginator and get_waiter. The AWS CLI's driver adapts its commands to it.
"""
import base64
import datetime
import json
import sys
import urllib.request
import xml.etree.ElementTree as ET

import botocore
import botocore.session
from botocore.exceptions import ClientError

ENDPOINT = sys.argv[1]
ONLY = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
NEWER_THAN_MODEL = {a for a in sys.argv[2:] if "." in a and not a.startswith("--")}
REGIONS = ["us-east-1", "us-west-2"]
problems = []
newer = set()
checked = {}
members_checked = [0]
paginated = set()
waited = set()
protocols = {}


def problem(where, text):
    problems.append(f"{where}: {text}")


# --- the shape checks -----------------------------------------------------------------------------------------

def wire_name(name, shape):
    return shape.serialization.get("name", name)


def check_scalar(shape, value, where, from_xml):
    members_checked[0] += 1
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
            in_body = "location" not in shape.members[required].serialization
            if in_body and wire_name(required, shape.members[required]) not in seen:
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


def check_answer(http_response, model, region="global", **_):
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
    elif protocol == "ec2":
        root = ET.fromstring(body)
        if local(root.tag) != name + "Response":
            problem(where, f"root element {local(root.tag)!r} should be {name}Response")
        if root.find("./{*}requestId") is None:
            problem(where, "no requestId")
        if model.output_shape is not None:
            for child in list(root):
                if local(child.tag) == "requestId":
                    root.remove(child)
            check_xml(model.output_shape, root, name)
    elif protocol == "rest-xml":
        if model.output_shape is not None:
            for member_name in model.output_shape.required_members:
                member = model.output_shape.members[member_name]
                if member.serialization.get("location") == "header" and member.serialization["name"] not in http_response.headers:
                    problem(where, f"required header {member.serialization['name']!r} is missing")
            in_body = {n: m for n, m in model.output_shape.members.items() if "location" not in m.serialization}
            if in_body:
                root = ET.fromstring(body)
                if local(root.tag) != name + "Response":
                    problem(where, f"root element {local(root.tag)!r} should be {name}Response")
                check_xml(model.output_shape, root, name)
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
    checked.setdefault(f"{model.service_model.service_name}:{name}", set()).add(region)


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
    elif protocol == "ec2":
        root = ET.fromstring(body)
        error = root.find("./{*}Errors/{*}Error")
        if local(root.tag) != "Response" or error is None:
            problem(where, "an EC2 error is <Response><Errors><Error>")
        elif {local(c.tag) for c in error} != {"Code", "Message"}:
            problem(where, f"<Error> has {[local(c.tag) for c in error]}, expected Code, Message")
        elif root.find("./{*}RequestID") is None:
            problem(where, "no RequestID")
    elif protocol in ("query", "rest-xml"):
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


def cloudwatch_scenario(cw, region, other):
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


FAST = {"Delay": 1, "MaxAttempts": 3}
BASE_AMI = "ami-0000000000000ba5e"


def advance(seconds):
    admin("/clock/advance", {"seconds": seconds})


def wait(client, name, **kwargs):
    """A botocore waiter over the simulator's answers; the clock was moved first, so it matches on its first polls."""
    client.get_waiter(name).wait(WaiterConfig=FAST, **kwargs)
    waited.add(f"{client.meta.service_model.service_name}:{name}")


def ec2_scenario(ec2, region, other):
    expect("DescribeAvailabilityZones", ec2.describe_availability_zones()["AvailabilityZones"][0]["RegionName"], region)
    expect("DescribeRegions has both regions", {"us-east-1", "us-west-2"} <= {
        r["RegionName"] for r in ec2.describe_regions()["Regions"]}, True)
    attributes = {a["AttributeName"]: [v["AttributeValue"] for v in a["AttributeValues"]]
                  for a in ec2.describe_account_attributes()["AccountAttributes"]}
    expect("DescribeAccountAttributes supported-platforms", attributes.get("supported-platforms"), ["VPC"])
    expect("DescribeAccountAttributes default-vpc", len(ec2.describe_account_attributes(
        AttributeNames=["default-vpc"])["AccountAttributes"]), 1)
    iid = ec2.run_instances(ImageId=BASE_AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1, TagSpecifications=[
        {"ResourceType": "instance", "Tags": [{"Key": "Name", "Value": "conformance"}]}])["Instances"][0]["InstanceId"]
    vol = ec2.create_volume(AvailabilityZone=region + "a", Size=8, VolumeType="gp3")["VolumeId"]
    advance(120)
    wait(ec2, "instance_running", InstanceIds=[iid])
    wait(ec2, "volume_available", VolumeIds=[vol])
    ec2.create_tags(Resources=[vol], Tags=[{"Key": "team", "Value": "sre"}])
    expect("DescribeTags", [t["Value"] for t in ec2.describe_tags(
        Filters=[{"Name": "resource-id", "Values": [vol]}])["Tags"]], ["sre"])
    ec2.delete_tags(Resources=[vol], Tags=[{"Key": "team"}])
    snap = ec2.create_snapshot(VolumeId=vol, Description="conformance")["SnapshotId"]
    img = ec2.create_image(InstanceId=iid, Name="conformance-" + region, NoReboot=True)["ImageId"]
    advance(600)
    wait(ec2, "snapshot_completed", SnapshotIds=[snap])
    wait(ec2, "image_available", ImageIds=[img])
    wait(ec2, "instance_status_ok", InstanceIds=[iid])
    status = ec2.describe_instance_status(InstanceIds=[iid])["InstanceStatuses"][0]
    expect("DescribeInstanceStatus after the checks", (status["InstanceState"]["Name"],
                                                       status["InstanceStatus"]["Status"],
                                                       status["SystemStatus"]["Status"]), ("running", "ok", "ok"))
    image_copy = other.copy_image(SourceRegion=region, SourceImageId=img, Name="conformance-copy")["ImageId"]
    snap_copy = other.copy_snapshot(SourceRegion=region, SourceSnapshotId=snap)["SnapshotId"]
    advance(900)
    expect("the AMI copy", other.describe_images(ImageIds=[image_copy])["Images"][0]["State"], "available")
    expect("the snapshot copy", other.describe_snapshots(SnapshotIds=[snap_copy])["Snapshots"][0]["State"], "completed")
    other.deregister_image(ImageId=image_copy)
    other.delete_snapshot(SnapshotId=snap_copy)
    lt = ec2.create_launch_template(LaunchTemplateName="conformance-lt", LaunchTemplateData={
        "ImageId": BASE_AMI, "InstanceType": "t3.micro"})["LaunchTemplate"]["LaunchTemplateId"]
    ec2.create_launch_template_version(LaunchTemplateId=lt, SourceVersion="1",
                                       LaunchTemplateData={"InstanceType": "t3.small"})
    ec2.modify_launch_template(LaunchTemplateId=lt, DefaultVersion="2")
    expect("DescribeLaunchTemplates default version", ec2.describe_launch_templates(
        LaunchTemplateIds=[lt])["LaunchTemplates"][0]["DefaultVersionNumber"], 2)
    expect("DescribeLaunchTemplateVersions", len(ec2.describe_launch_template_versions(
        LaunchTemplateId=lt)["LaunchTemplateVersions"]), 2)
    ec2.terminate_instances(InstanceIds=[iid])
    ec2.delete_volume(VolumeId=vol)
    expect_error("DescribeInstances of an unknown id", "InvalidInstanceID.NotFound", ec2.describe_instances,
                 InstanceIds=["i-0123456789abcdef0"])
    expect_error("DeleteVolume of an unknown id", "InvalidVolume.NotFound", ec2.delete_volume,
                 VolumeId="vol-0123456789abcdef0")
    expect_error("DescribeImages of an unknown id", "InvalidAMIID.NotFound", ec2.describe_images,
                 ImageIds=["ami-0123456789abcdef0"])
    expect_error("DescribeInstanceStatus of an unknown id", "InvalidInstanceID.NotFound",
                 ec2.describe_instance_status, InstanceIds=["i-0123456789abcdef0"])
    expect_error("DescribeAccountAttributes of an unknown attribute", "InvalidParameterValue",
                 ec2.describe_account_attributes, AttributeNames=["no-such-attribute"])
    paginate(ec2, "describe_instances", "Reservations")
    paginate(ec2, "describe_volumes", "Volumes")
    paginate(ec2, "describe_snapshots", "Snapshots", OwnerIds=["self"])
    paginate(ec2, "describe_tags", "Tags")
    paginate(ec2, "describe_instance_status", "InstanceStatuses", IncludeAllInstances=True)
    paginate(ec2, "describe_launch_templates", "LaunchTemplates")
    paginate(ec2, "describe_launch_template_versions", "LaunchTemplateVersions", LaunchTemplateId=lt)
    deleted = ec2.delete_launch_template(LaunchTemplateId=lt)["LaunchTemplate"]
    expect("DeleteLaunchTemplate answers what it deleted", (deleted["LaunchTemplateId"], deleted["LaunchTemplateName"],
                                                            deleted["DefaultVersionNumber"],
                                                            deleted["LatestVersionNumber"]),
           (lt, "conformance-lt", 2, 2))
    expect_error("DescribeLaunchTemplateVersions of a deleted template", "InvalidLaunchTemplateId.NotFound",
                 ec2.describe_launch_template_versions, LaunchTemplateId=lt)
    expect_error("DeleteLaunchTemplate of an unknown name", "InvalidLaunchTemplateName.NotFoundException",
                 ec2.delete_launch_template, LaunchTemplateName="conformance-no-such-lt")


def autoscaling_scenario(asg, region, other):
    asg.create_auto_scaling_group(AutoScalingGroupName="conformance", MinSize=0, MaxSize=2, DesiredCapacity=1,
                                  LaunchTemplate={"LaunchTemplateName": "web-lt", "Version": "$Latest"},
                                  AvailabilityZones=[region + "a"])
    asg.set_desired_capacity(AutoScalingGroupName="conformance", DesiredCapacity=2)
    asg.update_auto_scaling_group(AutoScalingGroupName="conformance", MaxSize=3)
    advance(300)
    group = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["conformance"])["AutoScalingGroups"][0]
    expect("instances InService", [i["LifecycleState"] for i in group["Instances"]], ["InService", "InService"])
    expect("DescribeAutoScalingInstances", len(asg.describe_auto_scaling_instances(
        InstanceIds=[i["InstanceId"] for i in group["Instances"]])["AutoScalingInstances"]), 2)
    asg.update_auto_scaling_group(AutoScalingGroupName="conformance", DesiredCapacity=0)
    advance(300)
    activities = asg.describe_scaling_activities(AutoScalingGroupName="conformance")["Activities"]
    expect("DescribeScalingActivities: two launches and two terminations, all done",
           sorted((a["Description"].split(":")[0], a["StatusCode"]) for a in activities),
           [("Launching a new EC2 instance", "Successful")] * 2 + [("Terminating EC2 instance", "Successful")] * 2)
    paginate(asg, "describe_scaling_activities", "Activities", AutoScalingGroupName="conformance")
    asg.delete_auto_scaling_group(AutoScalingGroupName="conformance", ForceDelete=True)
    expect_error("SetDesiredCapacity of an unknown group", "ValidationError", asg.set_desired_capacity,
                 AutoScalingGroupName="no-such-group", DesiredCapacity=1)
    expect_error("DescribeScalingActivities with MaxRecords above 100", "ValidationError",
                 asg.describe_scaling_activities, MaxRecords=101)
    paginate(asg, "describe_auto_scaling_groups", "AutoScalingGroups")
    paginate(asg, "describe_auto_scaling_instances", "AutoScalingInstances")


def elbv2_scenario(elb, region, other, ec2):
    arn = elb.create_target_group(Name="conformance-tg", Protocol="HTTP", Port=80, VpcId="vpc-conformance",
                                  TargetType="instance")["TargetGroups"][0]["TargetGroupArn"]
    lb = elb.create_load_balancer(Name="conformance-alb", Subnets=["subnet-0conformance0a", "subnet-0conformance0b"],
                                  Tags=[{"Key": "team", "Value": "sre"}])["LoadBalancers"][0]
    expect("a new load balancer", (lb["State"]["Code"], lb["Type"], lb["Scheme"]),
           ("provisioning", "application", "internet-facing"))
    lb_arn = lb["LoadBalancerArn"]
    listener = elb.create_listener(LoadBalancerArn=lb_arn, Protocol="HTTP", Port=80, DefaultActions=[
        {"Type": "forward", "TargetGroupArn": arn}])["Listeners"][0]["ListenerArn"]
    iid = ec2.run_instances(ImageId=BASE_AMI, InstanceType="t3.micro", MinCount=1, MaxCount=1)["Instances"][0]["InstanceId"]
    advance(180)
    wait(elb, "load_balancer_available", LoadBalancerArns=[lb_arn])
    expect("DescribeLoadBalancers by name", [b["LoadBalancerArn"] for b in elb.describe_load_balancers(
        Names=["conformance-alb"])["LoadBalancers"]], [lb_arn])
    expect("DescribeListeners", [(x["Port"], x["DefaultActions"][0]["TargetGroupArn"]) for x in elb.describe_listeners(
        LoadBalancerArn=lb_arn)["Listeners"]], [(80, arn)])
    expect("DescribeTags of a load balancer", [(t["Key"], t["Value"]) for t in elb.describe_tags(
        ResourceArns=[lb_arn])["TagDescriptions"][0]["Tags"]], [("team", "sre")])
    elb.register_targets(TargetGroupArn=arn, Targets=[{"Id": iid, "Port": 80}])
    advance(300)
    wait(elb, "target_in_service", TargetGroupArn=arn, Targets=[{"Id": iid, "Port": 80}])
    elb.delete_listener(ListenerArn=listener)
    expect("a target without a listener is unused", elb.describe_target_health(TargetGroupArn=arn)[
        "TargetHealthDescriptions"][0]["TargetHealth"]["State"], "unused")
    elb.deregister_targets(TargetGroupArn=arn, Targets=[{"Id": iid, "Port": 80}])
    advance(600)
    wait(elb, "target_deregistered", TargetGroupArn=arn, Targets=[{"Id": iid, "Port": 80}])
    expect("DescribeTargetGroups", [g["TargetGroupName"] for g in elb.describe_target_groups(
        Names=["conformance-tg"])["TargetGroups"]], ["conformance-tg"])
    paginate(elb, "describe_load_balancers", "LoadBalancers")
    paginate(elb, "describe_listeners", "Listeners", LoadBalancerArn=lb_arn)
    elb.delete_load_balancer(LoadBalancerArn=lb_arn)
    wait(elb, "load_balancers_deleted", LoadBalancerArns=[lb_arn])
    elb.delete_target_group(TargetGroupArn=arn)
    ec2.terminate_instances(InstanceIds=[iid])
    expect_error("DescribeTargetGroups of an unknown name", "TargetGroupNotFound", elb.describe_target_groups,
                 Names=["no-such-tg"])
    expect_error("DescribeLoadBalancers of an unknown name", "LoadBalancerNotFound", elb.describe_load_balancers,
                 Names=["no-such-alb"])
    expect_error("DescribeTags of a deleted load balancer", "LoadBalancerNotFound", elb.describe_tags,
                 ResourceArns=[lb_arn])
    expect_error("DescribeListeners of an unknown listener", "ListenerNotFound", elb.describe_listeners,
                 ListenerArns=[listener])
    expect_error("DeleteListener of a deleted listener", "ListenerNotFound", elb.delete_listener,
                 ListenerArn=listener)
    expect_error("CreateLoadBalancer without subnets", "ValidationError", elb.create_load_balancer,
                 Name="no-subnets")
    expect_error("CreateListener on a deleted load balancer", "LoadBalancerNotFound", elb.create_listener,
                 LoadBalancerArn=lb_arn, Protocol="HTTP", Port=80,
                 DefaultActions=[{"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "200"}}])
    paginate(elb, "describe_target_groups", "TargetGroups")


def rds_scenario(rds, region, other):
    arn = rds.create_db_instance(DBInstanceIdentifier="conformance-db", DBInstanceClass="db.t3.micro",
                                 Engine="postgres", MasterUsername="conf", MasterUserPassword="conformance-pw",
                                 AllocatedStorage=20)["DBInstance"]["DBInstanceArn"]
    advance(900)
    wait(rds, "db_instance_available", DBInstanceIdentifier="conformance-db")
    rds.add_tags_to_resource(ResourceName=arn, Tags=[{"Key": "team", "Value": "sre"}])
    expect("ListTagsForResource", rds.list_tags_for_resource(ResourceName=arn)["TagList"],
           [{"Key": "team", "Value": "sre"}])
    rds.remove_tags_from_resource(ResourceName=arn, TagKeys=["team"])
    snap_arn = rds.create_db_snapshot(DBSnapshotIdentifier="conformance-snap",
                                      DBInstanceIdentifier="conformance-db")["DBSnapshot"]["DBSnapshotArn"]
    rds.create_db_instance_read_replica(DBInstanceIdentifier="conformance-replica",
                                        SourceDBInstanceIdentifier="conformance-db")
    advance(900)
    wait(rds, "db_snapshot_available", DBSnapshotIdentifier="conformance-snap")
    other.copy_db_snapshot(SourceDBSnapshotIdentifier=snap_arn, TargetDBSnapshotIdentifier="conformance-copy",
                           SourceRegion=region)
    rds.promote_read_replica(DBInstanceIdentifier="conformance-replica")
    rds.modify_db_instance(DBInstanceIdentifier="conformance-db", DBInstanceClass="db.t3.small", ApplyImmediately=True)
    advance(900)
    wait(other, "db_snapshot_completed", DBSnapshotIdentifier="conformance-copy")
    rds.reboot_db_instance(DBInstanceIdentifier="conformance-db")
    rds.restore_db_instance_from_db_snapshot(DBInstanceIdentifier="conformance-restored",
                                             DBSnapshotIdentifier="conformance-snap")
    advance(900)
    wait(rds, "db_instance_available", DBInstanceIdentifier="conformance-restored")
    for db in ("conformance-restored", "conformance-replica", "conformance-db"):
        rds.delete_db_instance(DBInstanceIdentifier=db, SkipFinalSnapshot=True)
    rds.delete_db_snapshot(DBSnapshotIdentifier="conformance-snap")
    other.delete_db_snapshot(DBSnapshotIdentifier="conformance-copy")
    advance(300)
    wait(rds, "db_instance_deleted", DBInstanceIdentifier="conformance-db")
    expect_error("DescribeDBInstances of an unknown id", "DBInstanceNotFound", rds.describe_db_instances,
                 DBInstanceIdentifier="no-such-db")
    expect_error("DescribeDBSnapshots of an unknown id", "DBSnapshotNotFound", rds.describe_db_snapshots,
                 DBSnapshotIdentifier="no-such-snapshot")
    expect("DescribeDBClusters: the simulator has no Aurora clusters", rds.describe_db_clusters()["DBClusters"], [])
    expect_error("DescribeDBClusters of an unknown id", "DBClusterNotFoundFault", rds.describe_db_clusters,
                 DBClusterIdentifier="no-such-cluster")
    paginate(rds, "describe_db_clusters", "DBClusters")
    paginate(rds, "describe_db_instances", "DBInstances")
    paginate(rds, "describe_db_snapshots", "DBSnapshots")


def route53_scenario(r53):
    zone = r53.create_hosted_zone(Name="conformance.example.com.", CallerReference="conformance-1")["HostedZone"]["Id"]
    expect("GetHostedZone", r53.get_hosted_zone(Id=zone)["HostedZone"]["Name"], "conformance.example.com.")
    expect("ListHostedZonesByName", "conformance.example.com." in [z["Name"] for z in r53.list_hosted_zones_by_name()[
        "HostedZones"]], True)
    change = r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [
        {"Action": "UPSERT", "ResourceRecordSet": {"Name": f"www{i}.conformance.example.com.", "Type": "A", "TTL": 60,
                                                   "ResourceRecords": [{"Value": "192.0.2.10"}]}} for i in range(3)]})
    change_id = change["ChangeInfo"]["Id"]
    expect("GetChange before it is in sync", r53.get_change(Id=change_id)["ChangeInfo"]["Status"], "PENDING")
    advance(120)
    wait(r53, "resource_record_sets_changed", Id=change_id)
    expect_error("GetHostedZone of an unknown zone", "NoSuchHostedZone", r53.get_hosted_zone, Id="Z0NOSUCHZONE0")
    paginate(r53, "list_hosted_zones", "HostedZones")
    paginate(r53, "list_resource_record_sets", "ResourceRecordSets", HostedZoneId=zone)
    route53_health_checks(r53, zone)
    for i in range(3):
        r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [
            {"Action": "DELETE", "ResourceRecordSet": {"Name": f"www{i}.conformance.example.com.", "Type": "A",
                                                       "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.10"}]}}]})
    deleted = r53.delete_hosted_zone(Id=zone)["ChangeInfo"]["Id"]
    advance(120)
    wait(r53, "resource_record_sets_changed", Id=deleted)
    expect_error("GetHostedZone of a deleted zone", "NoSuchHostedZone", r53.get_hosted_zone, Id=zone)
    expect_error("DeleteHostedZone of a deleted zone", "NoSuchHostedZone", r53.delete_hosted_zone, Id=zone)


def route53_health_checks(r53, zone):
    """An endpoint check and a calculated one over it, records that name them, and the answers that follow them."""
    endpoint = r53.create_health_check(CallerReference="conformance-hc-1", HealthCheckConfig={
        "Type": "HTTP", "FullyQualifiedDomainName": "origin.conformance.example.com", "ResourcePath": "/health"})[
        "HealthCheck"]
    expect("CreateHealthCheck fills in the port", endpoint["HealthCheckConfig"].get("Port"), 80)
    calculated = r53.create_health_check(CallerReference="conformance-hc-2", HealthCheckConfig={
        "Type": "CALCULATED", "ChildHealthChecks": [endpoint["Id"]], "HealthThreshold": 1})["HealthCheck"]["Id"]
    expect("GetHealthCheck", r53.get_health_check(HealthCheckId=calculated)["HealthCheck"]["HealthCheckConfig"][
        "Type"], "CALCULATED")
    expect("ListHealthChecks", {endpoint["Id"], calculated} <= {
        c["Id"] for c in r53.list_health_checks()["HealthChecks"]}, True)
    expect("GetHealthCheckCount", r53.get_health_check_count()["HealthCheckCount"] >= 2, True)
    statuses = r53.get_health_check_status(HealthCheckId=endpoint["Id"])["HealthCheckObservations"]
    expect("GetHealthCheckStatus of a reachable endpoint",
           {o["StatusReport"]["Status"].split(":")[0] for o in statuses}, {"Success"})
    r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [
        {"Action": "UPSERT", "ResourceRecordSet": {"Name": "shop.conformance.example.com.", "Type": "A",
                                                   "SetIdentifier": name, "Weight": weight, "TTL": 60,
                                                   "HealthCheckId": calculated,
                                                   "ResourceRecords": [{"Value": ip}]}}
        for name, weight, ip in (("blue", 1, "192.0.2.20"), ("green", 0, "192.0.2.21"))]})
    answer = r53.test_dns_answer(HostedZoneId=zone, RecordName="shop.conformance.example.com.", RecordType="A")
    expect("TestDNSAnswer follows the weights", (answer["ResponseCode"], answer["RecordData"]),
           ("NOERROR", ["192.0.2.20"]))
    expect("TestDNSAnswer of an unknown name", r53.test_dns_answer(
        HostedZoneId=zone, RecordName="nothing.conformance.example.com.", RecordType="A")["ResponseCode"], "NXDOMAIN")
    expect_error("CreateHealthCheck again with other settings", "HealthCheckAlreadyExists", r53.create_health_check,
                 CallerReference="conformance-hc-1", HealthCheckConfig={"Type": "TCP", "IPAddress": "192.0.2.1",
                                                                        "Port": 443})
    paginate(r53, "list_health_checks", "HealthChecks")
    r53.change_resource_record_sets(HostedZoneId=zone, ChangeBatch={"Changes": [
        {"Action": "DELETE", "ResourceRecordSet": {"Name": "shop.conformance.example.com.", "Type": "A",
                                                   "SetIdentifier": name, "Weight": weight, "TTL": 60,
                                                   "HealthCheckId": calculated,
                                                   "ResourceRecords": [{"Value": ip}]}}
        for name, weight, ip in (("blue", 1, "192.0.2.20"), ("green", 0, "192.0.2.21"))]})
    r53.delete_health_check(HealthCheckId=calculated)
    r53.delete_health_check(HealthCheckId=endpoint["Id"])
    expect_error("GetHealthCheck of a deleted check", "NoSuchHealthCheck", r53.get_health_check,
                 HealthCheckId=calculated)
    expect_error("DeleteHealthCheck of a deleted check", "NoSuchHealthCheck", r53.delete_health_check,
                 HealthCheckId=endpoint["Id"])


# AWS's smallest page sizes where they are above 1 (the simulator enforces them as AWS does)
SMALLEST_PAGE = {"describe_instances": 5, "describe_volumes": 5, "describe_snapshots": 5, "describe_tags": 5,
                 "describe_launch_templates": 1, "describe_launch_template_versions": 1,
                 "describe_instance_status": 5, "describe_db_instances": 20, "describe_db_snapshots": 20,
                 "describe_db_clusters": 20}


def paginate(client, operation, key, **params):
    """botocore's paginator one item a page collects what one unpaginated call answers (tokens work both ways)."""
    if not client.can_paginate(operation):
        return
    whole = getattr(client, operation)(**params)[key]
    pages = client.get_paginator(operation).paginate(PaginationConfig={"PageSize": SMALLEST_PAGE.get(operation, 1)},
                                                     **params)
    items = [item for page in pages for item in page[key]]
    if operation == "describe_instances":
        whole = [i for r in whole for i in r["Instances"]]
        items = [i for r in items for i in r["Instances"]]
    expect(f"{operation} paged one at a time", len(items), len(whole))
    paginated.add(f"{client.meta.service_model.service_name}:{operation}")


def run(what, action):
    try:
        action()
    except Exception as e:  # noqa: BLE001 - reported, so the Java test shows it with the rest
        problem(what, f"{type(e).__name__}: {e}")


def unserved(claimed):
    """Per service, the operations this botocore's model has that the simulator does not serve."""
    missing = {}
    for service, operations in claimed.items():
        served = {o.lower() for o in operations}
        model = botocore.session.get_session().get_service_model(service)
        missing[service] = sorted(o for o in model.operation_names if o.lower() not in served)
    return missing


def run_all(make_client, client_name, more=dict):
    """Every scenario in both regions through clients from make_client(service, region); prints the report with
    what more() adds."""
    claimed = admin("/operations")
    services = [ONLY] if ONLY else ["ec2", "autoscaling", "elbv2", "rds", "cloudwatch", "route53"]
    regions = ["us-west-2"] if ONLY == "cloudwatch" else REGIONS
    for region in regions:
        other = [r for r in REGIONS if r != region][0]
        for service in services:
            if service == "route53":
                continue
            here, there = make_client(service, region), make_client(service, other)
            if service == "elbv2":
                run(f"elbv2 in {region}", lambda: elbv2_scenario(here, region, there, make_client("ec2", region)))
            else:
                scenario = globals()[service + "_scenario"]
                run(f"{service} in {region}", lambda: scenario(here, region, there))
    if "route53" in services:
        run("route53", lambda: route53_scenario(make_client("route53", "us-east-1")))
    botocore_names = {"elasticloadbalancing": "elbv2", "monitoring": "cloudwatch"}
    claimed = {botocore_names.get(s, s): ops for s, ops in claimed.items() if botocore_names.get(s, s) in services}
    print(json.dumps({"client": client_name, "botocore": botocore.__version__, "protocol": protocols.get("cloudwatch"),
                      "protocols": protocols, "claimed": claimed,
                      "checked": {op: sorted(regions) for op, regions in sorted(checked.items())},
                      "membersChecked": members_checked[0], "paginators": sorted(paginated),
                      "waiters": sorted(waited), "unserved": unserved(claimed),
                      "newer": sorted(newer), "problems": problems, **more()}))
