"""The conformance suite with the AWS CLI as the client (suite.py has the scenarios and the wire checks).

Usage: /usr/bin/python3 conformance_cli.py ENDPOINT [--only SERVICE] [Shape.Member ...]
Run with the interpreter the `aws` executable names in its #! line: every command goes through the CLI's own entry
point (awscli.clidriver.AWSCLIEntryPoint, what /usr/bin/aws calls) with a command line as a user types it —
`aws --endpoint-url … --region … --output json ec2 run-instances --image-id … --count 1:1 --tag-specifications '[…]'`
— and the scenario reads the JSON the CLI printed, or the error code from its "An error occurred (Code)" line and
exit status. Lists, structures and maps are given as JSON arguments, booleans as --flag / --no-flag, paginated
listings with --page-size (the CLI fetches and merges the pages), waiters as `aws SERVICE wait NAME`. One process
for the whole suite: a new CLI process per command would cost ~1-3 s of start-up on the CI box, ~300 commands.
The answers are checked as they crossed the wire against the CLI's own botocore models (its `after-call` event).
"""
import awscli  # first: from here on `import botocore` is the CLI's own botocore (awscli's import alias)
import awscli.clidriver

import contextlib
import copy
import datetime
import io
import json
import re
import types

import botocore.exceptions
from botocore import xform_name
from botocore.exceptions import ClientError

import suite

# The CLI has no waiter options: its waiters poll at the model's delay (15-30 s, up to 40-120 times). boto3's side
# passes WaiterConfig=suite.FAST; the CLI's loaded waiter models get the same delay and attempts, so a waiter that
# never matches fails in seconds as boto3's does instead of hanging the test for minutes.
WAITER_POLLS = {"delay": suite.FAST["Delay"], "maxAttempts": suite.FAST["MaxAttempts"]}
ERROR = re.compile(r"An error occurred \(([^)]+)\) when calling the (\w+) operation[^:]*: (.*)", re.S)


class Cli:
    """One AWS CLI driver that runs every command, as /usr/bin/aws would, and hears every answer it gets."""

    def __init__(self):
        self.driver = awscli.clidriver.create_clidriver()
        self.session = self.driver.session
        self.user_agent_extra = self.session.user_agent_extra
        self.region = None
        self.requests = 0
        self.commands = 0
        self.session.register("after-call", self._heard)
        loader = self.session.get_component("data_loader")
        load = loader.load_service_model

        def fast_waiters(service_name, type_name, api_version=None):
            data = load(service_name, type_name, api_version)
            if type_name == "waiters-2":
                data = copy.deepcopy(data)
                for waiter in data["waiters"].values():
                    waiter.update(WAITER_POLLS)
            return data

        loader.load_service_model = fast_waiters

    def _heard(self, http_response, model, **_):
        self.requests += 1
        suite.check_answer(http_response, model, region=self.region)

    def run(self, region, args):
        """Runs `aws --endpoint-url E --region R --output json ARGS…`; answers (exit status, stdout, stderr)."""
        self.region = region
        self.commands += 1
        self.session.user_agent_extra = self.user_agent_extra  # the entry point appends " prompt/off" each run
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = awscli.clidriver.AWSCLIEntryPoint(self.driver).main(
                ["--endpoint-url", suite.ENDPOINT, "--region", region, "--output", "json", *args])
        return status, out.getvalue(), err.getvalue()


def cli_value(value):
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, (dict, list)):
        return json.dumps(value, default=lambda v: v.isoformat())
    return str(value)


def arguments(operation, params):
    """The command line for the API's parameters: --member-name VALUE as the CLI names its arguments."""
    members = operation.input_shape.members if operation.input_shape else {}
    args = []
    params = dict(params)
    if operation.name == "RunInstances":  # the CLI replaces --min-count/--max-count with --count MIN:MAX
        args += ["--count", f"{params.pop('MinCount', 1)}:{params.pop('MaxCount', 1)}"]
    for name, value in params.items():
        flag = "--" + xform_name(name, "-")
        shape = members.get(name)
        if shape is not None and shape.type_name == "boolean":
            args.append(flag if value else "--no-" + flag[2:])
        else:  # a member, or an argument the CLI adds itself (rds copy-db-snapshot --source-region)
            args += [flag, cli_value(value)]
    return args


def with_timestamps(shape, value):
    """The CLI prints timestamps in ISO 8601; the scenarios compare datetimes as boto3 gives them."""
    if shape is None or value is None:
        return value
    kind = shape.type_name
    if kind == "structure" and isinstance(value, dict):
        return {k: with_timestamps(shape.members.get(k), v) for k, v in value.items()}
    if kind == "list" and isinstance(value, list):
        return [with_timestamps(shape.member, v) for v in value]
    if kind == "map" and isinstance(value, dict):
        return {k: with_timestamps(shape.value, v) for k, v in value.items()}
    if kind == "timestamp" and isinstance(value, str):
        return datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    return value


class CliFailed(Exception):
    pass


class CliClient:
    """boto3's client interface over AWS CLI commands of one service in one region."""

    def __init__(self, cli, service, region):
        self._cli, self._service, self._region = cli, service, region
        model = cli.session.get_service_model(service)
        self.meta = types.SimpleNamespace(service_model=model, region_name=region)
        self._operations = {xform_name(name): name for name in model.operation_names}
        self._paginators = cli.session.get_paginator_model(service)
        try:
            self._waiters = cli.session.get_waiter_model(service)
        except botocore.exceptions.UnknownServiceError:  # a service without waiters (autoscaling)
            self._waiters = None

    def __getattr__(self, name):
        if name.startswith("_") or name not in self._operations:
            raise AttributeError(name)
        operation = self.meta.service_model.operation_model(self._operations[name])
        return lambda **params: self._command(operation, [xform_name(operation.name, "-")], params)

    def _command(self, operation, words, params, extra=()):
        args = [self._service, *words, *arguments(operation, params), *extra]
        status, out, err = self._cli.run(self._region, args)
        if status != 0:
            error = ERROR.search(err)
            if error:
                raise ClientError({"Error": {"Code": error.group(1), "Message": error.group(3).strip()}},
                                  error.group(2))
            raise CliFailed(f"aws {' '.join(args)} exited {status}: {err.strip()}")
        return with_timestamps(operation.output_shape, json.loads(out) if out.strip() else {})

    def can_paginate(self, name):
        try:
            self._paginators.get_paginator(self._operations[name])
            return True
        except ValueError:
            return False

    def get_paginator(self, name):
        operation = self.meta.service_model.operation_model(self._operations[name])
        config = self._paginators.get_paginator(operation.name)
        result_key = config["result_key"][0] if isinstance(config["result_key"], list) else config["result_key"]
        command = [xform_name(operation.name, "-")]
        client = self

        def by_hand(size, params):
            """ELBv2 names its limit PageSize: the CLI's --page-size is then the API's, and the CLI does not page
            (it turns paging off when an API paging argument is given): follow the tokens as a script would."""
            merged, token = {result_key: []}, None
            while True:
                page = client._command(operation, command, dict(params, **{config["limit_key"]: size}, **(
                    {config["input_token"]: token} if token else {})))
                merged[result_key] += page.get(result_key, [])
                token = page.get(config["output_token"])
                if not token:
                    return merged

        class Paginator:
            def paginate(self, PaginationConfig, **params):  # noqa: N803 - boto3's name
                size = PaginationConfig["PageSize"]
                before = client._cli.requests
                if config.get("limit_key") == "PageSize":
                    merged = by_hand(size, params)
                else:
                    merged = client._command(operation, command, params, extra=["--page-size", str(size)])
                items = len(merged.get(result_key, []))
                requests = client._cli.requests - before
                suite.expect(f"aws {client._service} {xform_name(operation.name, '-')} --page-size {size}: "
                             f"requests for {items} {result_key}", requests >= max(1, -(-items // size)), True)
                return [merged]

        return Paginator()

    def get_waiter(self, name):
        waiter = next(w for w in self._waiters.waiter_names if xform_name(w) == name)
        operation = self.meta.service_model.operation_model(self._waiters.get_waiter(waiter).operation)
        return types.SimpleNamespace(wait=lambda WaiterConfig=None, **params: self._command(  # noqa: N803
            operation, ["wait", xform_name(waiter, "-")], params))


def main():
    cli = Cli()

    def client(service, region):
        made = CliClient(cli, service, region)
        suite.protocols[made.meta.service_model.service_name] = suite.wire_protocol(made.meta.service_model)
        return made

    suite.run_all(client, "aws-cli " + awscli.__version__,
                  lambda: {"commands": cli.commands, "requests": cli.requests})


main()
