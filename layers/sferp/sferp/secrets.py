"""Credentials from AWS Secrets Manager, read through Powertools Parameters with caching.

Secrets never travel through environment variables, ``cdk.json`` or logs: the function gets the
secret's ARN and reads the value here. Values are ``SecretStr`` so a stray ``repr`` or log line
prints ``**********``, and a secret of the wrong shape fails with the *names* of the bad fields,
never with their values (``hide_input_in_errors``).

Salesforce secret shapes (JSON):

* JWT bearer: ``{"auth": "jwt", "consumer_key", "username", "private_key", "domain"?, "login_url"?}``
* client credentials: ``{"auth": "client_credentials", "consumer_key", "consumer_secret", "domain"}``

``domain`` is what simple-salesforce calls it: ``login``, ``test`` or a My Domain prefix such as
``acme.my`` / ``acme--uat.sandbox.my`` (a full ``https://acme.my.salesforce.com`` is accepted too).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, Final, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, SecretStr, TypeAdapter, ValidationError, field_validator

from sferp.errors import ConfigurationError

# Secrets rotate rarely; five minutes keeps Secrets Manager calls (and cost) per warm container
# low while a rotated secret still reaches every container within minutes.
DEFAULT_SECRET_MAX_AGE_S: Final = 300  # seconds

_DOMAIN_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*$")
_STANDARD_LOGIN_DOMAINS: Final = frozenset({"login", "test"})


def normalise_domain(value: str) -> str:
    """``https://acme.my.salesforce.com/`` -> ``acme.my``; ``login`` stays ``login``."""
    text = value.strip().lower()
    text = re.sub(r"^https?://", "", text).rstrip("/")
    text = text.removesuffix(".salesforce.com")
    if not _DOMAIN_RE.match(text):
        # The message names the expected form only; a domain is not a secret but a garbled
        # value may be a pasted key.
        raise ValueError("must be 'login', 'test' or a My Domain such as 'acme.my'")
    return text


class _SecretModel(BaseModel):
    # extra="ignore": rotation lambdas and humans add bookkeeping keys; they are harmless.
    model_config = ConfigDict(frozen=True, extra="ignore", hide_input_in_errors=True)


class JwtBearerCredentials(_SecretModel):
    """OAuth 2.0 JWT bearer flow: a Connected App / External Client App with a certificate."""

    auth: Literal["jwt"]
    consumer_key: SecretStr = Field(min_length=1)
    username: str = Field(min_length=3)
    private_key: SecretStr = Field(min_length=1)
    # The JWT audience: "login" (production) or "test" (sandboxes).
    domain: Literal["login", "test"] = "login"
    # Where the token request goes when it must not be login/test.salesforce.com (orgs that
    # block logins there): the My Domain, e.g. "https://acme.my.salesforce.com" -> "acme.my".
    login_url: str | None = None

    @field_validator("private_key", mode="before")
    @classmethod
    def _pem(cls, value: Any) -> Any:
        if not isinstance(value, str):
            return value
        # Secrets pasted through consoles often carry literal "\n" instead of line breaks.
        text = value.replace("\\n", "\n").strip() if "\n" not in value else value.strip()
        if not text.startswith("-----BEGIN") or "PRIVATE KEY-----" not in text:
            raise ValueError("must be a PEM private key (-----BEGIN ... PRIVATE KEY-----)")
        # Load it now: a PEM that is not a key would otherwise pass here and fail every
        # invocation at the first token request instead of the cold start, as configuration.
        from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
        from cryptography.hazmat.primitives.serialization import load_pem_private_key

        try:
            key = load_pem_private_key(text.encode(), password=None)
        except (ValueError, TypeError) as exc:
            # The library's message says what is wrong with the PEM, never its content.
            raise ValueError(
                f"is not a loadable unencrypted PEM private key ({type(exc).__name__})"
            ) from None
        if not isinstance(key, RSAPrivateKey):
            raise ValueError("must be an RSA key: Salesforce's JWT bearer flow signs with RS256")
        return text

    @field_validator("login_url")
    @classmethod
    def _login_url(cls, value: str | None) -> str | None:
        return None if value is None else normalise_domain(value)

    @property
    def token_host(self) -> str | None:
        """simple-salesforce's ``instance_url`` argument: the host prefix the token goes to."""
        if self.login_url is None or self.login_url in _STANDARD_LOGIN_DOMAINS:
            return None
        return self.login_url


class ClientCredentials(_SecretModel):
    """OAuth 2.0 client credentials flow, run as the app's configured integration user."""

    auth: Literal["client_credentials"]
    consumer_key: SecretStr = Field(min_length=1)
    consumer_secret: SecretStr = Field(min_length=1)
    domain: str

    @field_validator("domain")
    @classmethod
    def _my_domain(cls, value: str) -> str:
        domain = normalise_domain(value)
        # Salesforce only serves the client credentials flow on the org's My Domain, and
        # simple-salesforce refuses login/test for it: fail at cold start, not at first call.
        if domain in _STANDARD_LOGIN_DOMAINS:
            raise ValueError("client credentials need the org's My Domain (e.g. 'acme.my'), not login/test")
        return domain


SalesforceCredentials = Annotated[JwtBearerCredentials | ClientCredentials, Field(discriminator="auth")]
# The adapter needs its own hide_input_in_errors: the union's errors are rendered with its config.
_SALESFORCE_ADAPTER: TypeAdapter[JwtBearerCredentials | ClientCredentials] = TypeAdapter(
    SalesforceCredentials, config=ConfigDict(hide_input_in_errors=True)
)

M = TypeVar("M")


def _describe(exc: ValidationError) -> str:
    """Field names and rule messages only; the offending values are never part of the text."""
    problems = []
    for err in exc.errors(include_input=False, include_url=False):
        loc_parts = [str(p) for p in err["loc"]]
        if loc_parts and loc_parts[0] in ("jwt", "client_credentials"):
            loc_parts = loc_parts[1:]  # the union tag, not a field of the secret
        loc = ".".join(loc_parts) or "secret"
        problems.append(f"{loc}: {err['msg']}")
    return "; ".join(problems)


def parse_salesforce_credentials(raw: Any, *, source: str = "Salesforce secret") -> SalesforceCredentials:
    """Validate a decoded secret; ``ConfigurationError`` names the bad fields (not their values)."""
    if not isinstance(raw, dict):
        raise ConfigurationError(f"{source}: must be a JSON object")
    if raw.get("auth") not in ("jwt", "client_credentials"):
        raise ConfigurationError(f"{source}: field 'auth' must be 'jwt' or 'client_credentials'")
    try:
        return _SALESFORCE_ADAPTER.validate_python(raw)
    except ValidationError as exc:
        # hide_input_in_errors keeps values out of the chained error as well.
        raise ConfigurationError(f"{source}: {_describe(exc)}") from exc


SecretFetcher = Callable[[str, int], Any]


def fetch_json_secret(secret_id: str, max_age: int) -> Any:
    """Read and JSON-decode a secret through Powertools Parameters (cached for ``max_age`` s)."""
    # Imported here: the embedded local runtime and the models never need the Parameters
    # utility, and cold start pays for what it uses.
    from aws_lambda_powertools.utilities.parameters import get_secret
    from aws_lambda_powertools.utilities.parameters.exceptions import (
        GetParameterError,
        TransformParameterError,
    )

    try:
        return get_secret(secret_id, transform="json", max_age=max_age)
    except TransformParameterError as exc:
        raise ConfigurationError(f"secret {secret_id}: value is not valid JSON") from exc
    except GetParameterError as exc:
        # The message is the AWS error (access denied, not found); it never holds the value.
        raise ConfigurationError(f"secret {secret_id}: cannot be read: {exc}") from exc


def load_salesforce_credentials(
    secret_id: str,
    *,
    max_age: int = DEFAULT_SECRET_MAX_AGE_S,
    fetch: SecretFetcher = fetch_json_secret,
) -> SalesforceCredentials:
    """The Salesforce credentials stored in ``secret_id`` (an ARN or name)."""
    return parse_salesforce_credentials(fetch(secret_id, max_age), source=f"Salesforce secret {secret_id}")


def load_secret_model(
    model: type[M],
    secret_id: str,
    *,
    max_age: int = DEFAULT_SECRET_MAX_AGE_S,
    fetch: SecretFetcher = fetch_json_secret,
) -> M:
    """Any other JSON secret (e.g. the ERP's) validated into ``model``; use ``SecretStr`` fields."""
    raw = fetch(secret_id, max_age)
    try:
        return TypeAdapter(model).validate_python(raw)
    except ValidationError as exc:
        # Not chained: ``model`` may not hide its input, and the chained error would print it.
        raise ConfigurationError(f"secret {secret_id}: {_describe(exc)}") from None
