"""Salesforce credentials: secret shapes, errors that name fields, loading through Powertools."""

from __future__ import annotations

import json

import boto3
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from moto import mock_aws

from sferp.errors import ConfigurationError
from sferp.secrets import (
    ClientCredentials,
    JwtBearerCredentials,
    load_salesforce_credentials,
    parse_salesforce_credentials,
)


def _pem(key: object) -> str:
    return (
        key.private_bytes(  # type: ignore[attr-defined]
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        .decode()
        .strip()
    )


# A real key (made per test session): validation loads it.
PEM = _pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))
SECRET_VALUES = (
    "consumer-key-very-secret",
    "consumer-secret-very-secret",
    PEM.splitlines()[1][:32],
)


def jwt_secret(**overrides: object) -> dict:
    return {
        "auth": "jwt",
        "consumer_key": "consumer-key-very-secret",
        "username": "integration@acme.com",
        "private_key": PEM,
        **overrides,
    }


def test_jwt_secret_parses_with_defaults() -> None:
    creds = parse_salesforce_credentials(jwt_secret())
    assert isinstance(creds, JwtBearerCredentials)
    assert creds.domain == "login"
    assert creds.token_host is None
    assert creds.private_key.get_secret_value() == PEM


def test_jwt_private_key_with_escaped_newlines_is_repaired() -> None:
    creds = parse_salesforce_credentials(jwt_secret(private_key=PEM.replace("\n", "\\n")))
    assert isinstance(creds, JwtBearerCredentials)
    assert creds.private_key.get_secret_value() == PEM


def test_jwt_login_url_becomes_the_token_host() -> None:
    creds = parse_salesforce_credentials(
        jwt_secret(domain="test", login_url="https://acme--uat.sandbox.my.salesforce.com/")
    )
    assert isinstance(creds, JwtBearerCredentials)
    assert (creds.domain, creds.token_host) == ("test", "acme--uat.sandbox.my")


def test_client_credentials_parse_and_normalise_the_domain() -> None:
    creds = parse_salesforce_credentials(
        {
            "auth": "client_credentials",
            "consumer_key": "consumer-key-very-secret",
            "consumer_secret": "consumer-secret-very-secret",
            "domain": "https://Acme.my.salesforce.com",
        }
    )
    assert isinstance(creds, ClientCredentials)
    assert creds.domain == "acme.my"


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        (jwt_secret(private_key="consumer-secret-very-secret"), "private_key"),
        ({k: v for k, v in jwt_secret().items() if k != "username"}, "username"),
        (jwt_secret(domain="prod"), "domain"),
        (
            {
                "auth": "client_credentials",
                "consumer_key": "consumer-key-very-secret",
                "consumer_secret": "consumer-secret-very-secret",
                "domain": "login",
            },
            "domain",
        ),
        (
            {"auth": "client_credentials", "consumer_key": "consumer-key-very-secret", "domain": "a.my"},
            "consumer_secret",
        ),
        ({"auth": "password", "consumer_key": "consumer-key-very-secret"}, "auth"),
    ],
)
def test_wrong_shape_names_the_field_and_never_the_values(raw: dict, field: str) -> None:
    # When a secret of the wrong shape is parsed
    with pytest.raises(ConfigurationError) as caught:
        parse_salesforce_credentials(raw)
    # Then the message names the field, and neither it nor the chained error holds a secret value
    assert field in str(caught.value)
    rendered = str(caught.value) + str(caught.value.__cause__ or "")
    for value in SECRET_VALUES:
        assert value not in rendered


def test_secret_that_is_not_an_object_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="JSON object"):
        parse_salesforce_credentials(["not", "an", "object"])


def test_repr_hides_secret_values() -> None:
    text = repr(parse_salesforce_credentials(jwt_secret()))
    for value in SECRET_VALUES:
        assert value not in text


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("AWS_DEFAULT_REGION", "eu-central-1")
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    # Powertools keeps one SecretsProvider (and its boto3 client, with the region of the moment it
    # was made) per process; another test may have made it in another region or outside mock_aws.
    from aws_lambda_powertools.utilities.parameters.constants import DEFAULT_PROVIDERS

    DEFAULT_PROVIDERS.clear()
    with mock_aws():
        yield boto3.client("secretsmanager", region_name="eu-central-1")
    DEFAULT_PROVIDERS.clear()


def test_load_reads_secrets_manager_through_powertools_with_caching(aws) -> None:
    # Given the secret in Secrets Manager
    arn = aws.create_secret(Name="sferp/dev/salesforce", SecretString=json.dumps(jwt_secret()))["ARN"]
    # When it is loaded, then the secret changes, and it is loaded again within max_age
    first = load_salesforce_credentials(arn, max_age=300)
    aws.put_secret_value(SecretId=arn, SecretString=json.dumps(jwt_secret(username="other@acme.com")))
    second = load_salesforce_credentials(arn, max_age=300)
    # Then the cached value served the second call
    assert isinstance(first, JwtBearerCredentials) and first.username == "integration@acme.com"
    assert isinstance(second, JwtBearerCredentials) and second.username == "integration@acme.com"


def test_load_of_a_non_json_secret_is_a_configuration_error(aws) -> None:
    arn = aws.create_secret(Name="sferp/dev/sf-broken", SecretString="consumer-secret-very-secret")["ARN"]
    with pytest.raises(ConfigurationError, match="not valid JSON") as caught:
        load_salesforce_credentials(arn, max_age=0)
    assert "consumer-secret-very-secret" not in str(caught.value)


def test_load_of_a_missing_secret_is_a_configuration_error(aws) -> None:
    with pytest.raises(ConfigurationError, match="cannot be read"):
        load_salesforce_credentials("arn:aws:secretsmanager:eu-central-1:123456789012:secret:nope", max_age=0)


@pytest.mark.parametrize(
    ("private_key", "said"),
    [
        (
            "-----BEGIN PRIVATE KEY-----\nMIIBVgIBADANBgkqhkiG9w0BAQEF\n-----END PRIVATE KEY-----",
            "not a loadable",
        ),
        (_pem(ec.generate_private_key(ec.SECP256R1())), "must be an RSA key"),
    ],
    ids=["truncated-pem", "not-rsa"],
)
def test_a_pem_that_is_not_a_usable_key_is_a_configuration_error(private_key: str, said: str) -> None:
    # Given / When a JWT secret whose key does not load (or is not RSA) / Then it is refused at parse
    # time naming the field, without the key's content in the message
    with pytest.raises(ConfigurationError) as error:
        parse_salesforce_credentials(jwt_secret(private_key=private_key))
    assert "private_key" in str(error.value) and said in str(error.value)
    assert private_key.splitlines()[1][:16] not in str(error.value)
