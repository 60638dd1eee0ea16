"""The S3 artifact store: JSON documents and files of a flow's runs (the reconciliation's
extracts, partitions and reports), encrypted per object with the environment key."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from botocore.exceptions import ClientError

from sferp.errors import StateStoreUnavailableError

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client


class ArtifactStore:
    """JSON documents and files in one bucket, each object encrypted with the given KMS key."""

    def __init__(self, bucket: str, s3: S3Client, *, kms_key_id: str | None = None) -> None:
        self.bucket = bucket
        self._s3 = s3
        self._kms_key_id = kms_key_id

    def _encryption(self) -> dict[str, Any]:
        # The bucket's default encryption is KMS too; saying it per object keeps a mis-set
        # bucket default from silently falling back to S3-managed keys.
        if self._kms_key_id:
            return {"ServerSideEncryption": "aws:kms", "SSEKMSKeyId": self._kms_key_id}
        return {}

    def put_bytes(self, key: str, body: bytes, content_type: str = "application/octet-stream") -> None:
        try:
            self._s3.put_object(
                Bucket=self.bucket, Key=key, Body=body, ContentType=content_type, **self._encryption()
            )
        except ClientError as exc:
            raise StateStoreUnavailableError(f"cannot write s3://{self.bucket}/{key}") from exc

    def put_json(self, key: str, document: Any) -> None:
        self.put_bytes(key, json.dumps(document, separators=(",", ":")).encode(), "application/json")

    def upload(self, key: str, path: Path) -> None:
        self.put_bytes(key, path.read_bytes(), "text/plain")

    def download(self, key: str, path: Path) -> Path:
        try:
            self._s3.download_file(self.bucket, key, str(path))
        except ClientError as exc:
            raise StateStoreUnavailableError(f"cannot read s3://{self.bucket}/{key}") from exc
        return path

    def get_json(self, key: str) -> Any | None:
        try:
            body = self._s3.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                return None
            raise StateStoreUnavailableError(f"cannot read s3://{self.bucket}/{key}") from exc
        return json.loads(body)

    def list_keys(self, prefix: str) -> list[str]:
        keys: list[str] = []
        try:
            for page in self._s3.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=prefix):
                keys.extend(obj["Key"] for obj in page.get("Contents", []))
        except ClientError as exc:
            raise StateStoreUnavailableError(f"cannot list s3://{self.bucket}/{prefix}") from exc
        return sorted(keys)
