"""One exception per failure mode, split by what the caller must do about it.

``RetriableError`` means "the same input may succeed later" (the batch processor leaves the
message for SQS to redeliver); ``PermanentError`` means "this input can never succeed" (the
message is dead-lettered at once with its reason, and Salesforce is told).
"""

from __future__ import annotations


class SferpError(Exception):
    """Base of every error sferp raises on purpose."""


class RetriableError(SferpError):
    """A transient failure: retry with back-off."""


class PermanentError(SferpError):
    """A failure no retry can fix: dead-letter with the reason."""


class ConfigurationError(SferpError):
    """A missing or invalid setting; raised at synth or cold start, never mid-flight."""


# --- our own stores ---------------------------------------------------------------------------
class StateStoreUnavailableError(RetriableError):
    """The order-state / idempotency store could not answer (throttling, an attempt of the same change
    still in progress). Heals by itself: the message is retried."""


# --- inbound events -------------------------------------------------------------------------
class InvalidEventError(PermanentError):
    """The event does not match the contract (missing field, bad lines, unknown action)."""

    def __init__(
        self, reason: str, *, salesforce_order_id: str | None = None, order_version: int | None = None
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.salesforce_order_id = salesforce_order_id
        # The Order version the event names, when readable: the failure it reports is about that
        # version, and the write-back must not be taken for an older one.
        self.order_version = order_version


# --- ERP ------------------------------------------------------------------------------------
class ErpError(SferpError):
    """Base for ERP failures."""


class ErpUnavailableError(ErpError, RetriableError):
    """The ERP answered 5xx or refused the connection."""


class ErpTimeoutError(ErpError, RetriableError):
    """The ERP did not answer within the time budget. The write may or may not have happened:
    callers rely on the external reference to make the retry safe."""


class ErpThrottledError(ErpError, RetriableError):
    """The ERP answered 429 / rate limited."""

    def __init__(self, message: str, *, retry_after_s: float | None = None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class ErpConflictError(ErpError, RetriableError):
    """The document changed between read and write (ETag / ``If-Match`` mismatch, HTTP 412).
    Retriable: the next attempt reads the new state first."""


class ErpAuthError(ErpError, RetriableError):
    """The ERP refused the credentials (HTTP 401/403). Retriable for the same reason as
    ``SalesforceAuthError``: rotated secrets heal, and the DLQ alarm catches one that stays wrong."""


class ErpRejectedError(ErpError, PermanentError):
    """The ERP refused the document for a business reason (unknown customer, bad SKU)."""


class ErpCustomerMissingError(ErpRejectedError):
    """The order's Salesforce Account is coupled to no ERP customer: the order is not sent (the
    Salesforce Id is never used as a customer number). The message names the Account."""


class CustomerNotCoupledError(RetriableError):
    """The order's Account has no ERP customer yet and the policy is to wait: retried with
    back-off, the Salesforce Order shows Waiting, the DLQ takes it after the last attempt."""


class ErpNotFoundError(ErpError, PermanentError):
    """The document the call refers to does not exist in the ERP."""


# --- Salesforce -----------------------------------------------------------------------------
class SalesforceError(SferpError):
    """Base for Salesforce failures."""


class SalesforceUnavailableError(SalesforceError, RetriableError):
    """Salesforce answered 5xx or the connection failed."""


class SalesforceRequestLimitError(SalesforceError, RetriableError):
    """REQUEST_LIMIT_EXCEEDED: the org's API allowance is used up for now."""


class SalesforceAuthError(SalesforceError, RetriableError):
    """Login failed. Retriable because rotated secrets and IdP hiccups heal; an alarm on the
    DLQ catches a credential that stays wrong."""


class SalesforceRecordError(SalesforceError, PermanentError):
    """Salesforce rejected a record (deleted, validation rule, field-level security)."""


class SalesforceNotFoundError(SalesforceRecordError):
    """The record does not exist (or is not visible to the integration user)."""
