"""The conformance suite with boto3 as the client (suite.py has the scenarios and the wire checks).

Usage: python3 conformance.py ENDPOINT [--only SERVICE] [Shape.Member ...]
"""
import boto3
from botocore.config import Config

import suite


def main():
    session = boto3.session.Session(aws_access_key_id="test", aws_secret_access_key="test")

    def client(service, region):
        made = session.client(service, region_name=region, endpoint_url=suite.ENDPOINT,
                              config=Config(retries={"max_attempts": 1}))
        made.meta.events.register("after-call", lambda http_response, model, **kw: suite.check_answer(
            http_response, model, region=region))
        suite.protocols[made.meta.service_model.service_name] = suite.wire_protocol(made.meta.service_model)
        return made

    suite.run_all(client, "boto3 " + boto3.__version__)


main()
