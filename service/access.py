"""API keys and roles. A key is ``cl_<key id>_<secret>``; only the secret's SHA-256 is stored (the
secret is 256 random bits, so a slow password hash adds nothing). Keys live in one JSON file, written
atomically under a file lock, so `chainlens keys` and a running service can share it."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from service.errors import InvalidInput, NotFound

VIEWER, EDITOR, ADMIN = "viewer", "editor", "admin"
ROLES = (VIEWER, EDITOR, ADMIN)  # each may do what the ones before it may
PUBLIC = "public"  # no key needed (liveness)
TOKEN = re.compile(r"cl_([0-9a-f]{8})_([A-Za-z0-9_-]{43})")
LOCAL_OWNER = "local"  # who writes when no key exists and the service only listens on loopback


@dataclass(frozen=True)
class ApiKey:
    key_id: str
    owner: str
    role: str
    chains: tuple[str, ...] = ()  # the chains an editor may change
    created_at: str = ""
    revoked_at: str | None = None
    secret_sha256: str = field(default="", repr=False)

    def allows(self, role: str, chain_id: str | None = None) -> bool:
        """Whether this key may act with ``role`` (on ``chain_id``, for an editor)."""
        if role == PUBLIC:
            return True
        if ROLES.index(self.role) < ROLES.index(role):
            return False
        if self.role == EDITOR and role == EDITOR:
            return chain_id is not None and chain_id in self.chains
        return True

    def public(self) -> dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if k != "secret_sha256"} | {"chains": list(self.chains)}


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class KeyStore:
    """The keys file. Reads are cached by the file's modification time, so a revoke takes effect on
    the next request of a running service."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._cached: tuple[float, dict[str, ApiKey]] | None = None

    def _read(self) -> dict[str, ApiKey]:
        try:
            mtime = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return {}
        if self._cached and self._cached[0] == mtime:
            return self._cached[1]
        data = json.loads(self.path.read_text(encoding="utf-8"))
        keys = {k["key_id"]: ApiKey(**{**k, "chains": tuple(k.get("chains", ()))}) for k in data["keys"]}
        self._cached = (mtime, keys)
        return keys

    @contextlib.contextmanager
    def _locked(self) -> Iterator[dict[str, ApiKey]]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_suffix(".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._cached = None
            keys = dict(self._read())
            yield keys
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".keys-")
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"keys": [asdict(k) for k in keys.values()]}, f, ensure_ascii=False, indent=1)
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
            self._cached = None

    def listed(self) -> list[ApiKey]:
        return sorted(self._read().values(), key=lambda k: k.created_at)

    def any_active(self) -> bool:
        return any(k.revoked_at is None for k in self._read().values())

    def create(self, owner: str, role: str, chains: tuple[str, ...] = ()) -> tuple[ApiKey, str]:
        """A new key; the token is returned once and never stored."""
        if role not in ROLES:
            raise InvalidInput(f"角色只能是 {'、'.join(ROLES)}")
        if not owner.strip():
            raise InvalidInput("密钥须写明持有人")
        if role == EDITOR and not chains:
            raise InvalidInput("编辑角色须指定可编辑的产业链")
        secret = secrets.token_urlsafe(32)
        with self._locked() as keys:
            key_id = secrets.token_hex(4)
            while key_id in keys:
                key_id = secrets.token_hex(4)
            key = ApiKey(
                key_id,
                owner.strip(),
                role,
                tuple(sorted(set(chains))) if role == EDITOR else (),
                dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                None,
                _digest(secret),
            )
            keys[key_id] = key
        return key, f"cl_{key_id}_{secret}"

    def revoke(self, key_id: str) -> ApiKey:
        with self._locked() as keys:
            if key_id not in keys:
                raise NotFound(f"密钥 {key_id} 不存在")
            now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            keys[key_id] = ApiKey(**{**asdict(keys[key_id]), "revoked_at": keys[key_id].revoked_at or now})
            return keys[key_id]

    def active(self, key_id: str) -> ApiKey | None:
        key = self._read().get(key_id)
        return key if key is not None and key.revoked_at is None else None

    def verify(self, token: str) -> ApiKey | None:
        """The active key a token belongs to, or None."""
        match = TOKEN.fullmatch(token)
        if not match:
            return None
        key = self._read().get(match.group(1))
        # hash and compare even for an unknown or revoked id, so timing does not tell which ids exist
        stored = key.secret_sha256 if key is not None else "0" * 64
        matches = hmac.compare_digest(stored, _digest(match.group(2)))
        return key if key is not None and key.revoked_at is None and matches else None


# --- browser sessions ----------------------------------------------------------------------------------
# A browser cannot send a key header when following a link, so the sign-in page trades a key for a signed
# cookie. The token names the key and its expiry and is signed with a secret kept beside the keys file;
# the signature also covers the key's stored digest, so revoking (or re-creating) a key ends its sessions.

SESSION_HOURS = 12


class Sessions:
    """Browser sessions: tokens ``keyid.expires.hmac`` signed with a per-installation secret kept beside
    the keys file. The signature covers the key's hash, so a session ends with its key; deleting the
    secret file ends every session at once."""

    SECRET_BYTES = 32

    def __init__(self, keys: KeyStore) -> None:
        self.keys = keys
        self.secret_path = keys.path.with_name(keys.path.name + ".session-secret")

    def check(self) -> None:
        """Fail now, naming the file, if an existing secret file is unusable."""
        if self.secret_path.exists():
            self._read_secret()

    def _read_secret(self) -> bytes:
        text = self.secret_path.read_text(encoding="ascii", errors="replace").strip()
        if not re.fullmatch(f"[0-9a-f]{{{2 * self.SECRET_BYTES}}}", text):
            raise ValueError(
                f"{self.secret_path}: expected {2 * self.SECRET_BYTES} hex digits (the session secret); "
                "delete the file to make a new one (this signs every browser out)"
            )
        return bytes.fromhex(text)

    def _secret(self) -> bytes:
        if self.secret_path.exists():
            return self._read_secret()
        self.secret_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.secret_path.parent, prefix=".session-")
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(self.SECRET_BYTES))
        os.chmod(tmp, 0o600)
        with contextlib.suppress(FileExistsError):  # another process made one first: use that one
            os.link(tmp, self.secret_path)
        os.unlink(tmp)
        return self._read_secret()

    def _sign(self, key_id: str, secret_sha256: str, expires: int) -> str:
        message = f"{key_id}.{expires}.{secret_sha256}".encode()
        return hmac.new(self._secret(), message, hashlib.sha256).hexdigest()

    def issue(self, key: ApiKey, now: dt.datetime | None = None) -> str:
        """A session token for ``key``, valid for SESSION_HOURS."""
        now = now or dt.datetime.now(dt.UTC)
        expires = int((now + dt.timedelta(hours=SESSION_HOURS)).timestamp())
        return f"{key.key_id}.{expires}.{self._sign(key.key_id, key.secret_sha256, expires)}"

    def verify(self, token: str, now: dt.datetime | None = None) -> ApiKey | None:
        """The active key a session token was issued for, unless it expired or was tampered with."""
        match = re.fullmatch(r"([0-9a-f]{8})\.([1-9][0-9]{0,11})\.([0-9a-f]{64})", token)
        if not match:
            return None
        key_id, expires = match.group(1), int(match.group(2))
        key = self.keys.active(key_id)
        # sign even for an unknown key so the answer takes as long either way
        expected = self._sign(key_id, key.secret_sha256 if key else "0" * 64, expires)
        valid = hmac.compare_digest(expected, match.group(3))
        now = now or dt.datetime.now(dt.UTC)
        return key if key is not None and valid and expires > now.timestamp() else None
