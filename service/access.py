"""API keys and roles. A key is ``cl_<key id>_<secret>``; only the secret's SHA-256 is stored (the
secret is 256 random bits, so a slow password hash adds nothing). Where keys live follows the backend
(:func:`keys_for`): with the embedded one, in one JSON file beside the graph, written atomically under a
file lock, so `chainlens keys` and the running service share it; with Neo4j, in the graph as system
nodes (``ApiKey``, and the session secret as ``SessionSecret``), so every API process on every machine
reads the same keys and a key created or revoked anywhere holds everywhere on the next request."""

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
from collections.abc import Callable, Container, Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from service.errors import InvalidInput, NotFound
from service.settings import Settings
from service.storage.port import GraphStore, Statement
from service.storage.queries import Q

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


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _new_key(owner: str, role: str, chains: tuple[str, ...], taken: Container[str]) -> tuple[ApiKey, str]:
    """A new key (its id not in ``taken``) and its token, after checking what it is asked for."""
    if role not in ROLES:
        raise InvalidInput(f"角色只能是 {'、'.join(ROLES)}")
    if not owner.strip():
        raise InvalidInput("密钥须写明持有人")
    if role == EDITOR and not chains:
        raise InvalidInput("编辑角色须指定可编辑的产业链")
    secret = secrets.token_urlsafe(32)
    key_id = secrets.token_hex(4)
    while key_id in taken:
        key_id = secrets.token_hex(4)
    chosen = tuple(sorted(set(chains))) if role == EDITOR else ()
    key = ApiKey(key_id, owner.strip(), role, chosen, _now(), None, _digest(secret))
    return key, f"cl_{key_id}_{secret}"


def _verified(token: str, find: Callable[[str], ApiKey | None]) -> ApiKey | None:
    """The active key a token belongs to, or None; ``find`` looks a key up by its id."""
    match = TOKEN.fullmatch(token)
    if not match:
        return None
    key = find(match.group(1))
    # hash and compare even for an unknown or revoked id, so timing does not tell which ids exist
    stored = key.secret_sha256 if key is not None else "0" * 64
    matches = hmac.compare_digest(stored, _digest(match.group(2)))
    return key if key is not None and key.revoked_at is None and matches else None


SECRET_BYTES = 32  # the session secret: 64 hex digits


class Keys(Protocol):
    """Where keys (and the secret that signs browser sessions) are kept."""

    where: str  # for messages: the file, or the database

    def listed(self) -> list[ApiKey]: ...

    def any_active(self) -> bool: ...

    def create(self, owner: str, role: str, chains: tuple[str, ...] = ()) -> tuple[ApiKey, str]: ...

    def revoke(self, key_id: str) -> ApiKey: ...

    def active(self, key_id: str) -> ApiKey | None: ...

    def verify(self, token: str) -> ApiKey | None: ...

    def session_secret(self) -> bytes:
        """The secret signing browser sessions, made on first use."""
        ...

    def check_session_secret(self) -> None:
        """Fail now, naming where it is kept, if an existing session secret is unusable."""
        ...


class KeyStore:
    """The keys file (the embedded backend). Reads are cached by the file's modification time, so a
    revoke takes effect on the next request of a running service."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = str(path)
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
        _new_key(owner, role, chains, ())  # refuse a bad request before taking the lock
        with self._locked() as keys:
            key, token = _new_key(owner, role, chains, keys)
            keys[key.key_id] = key
        return key, token

    def revoke(self, key_id: str) -> ApiKey:
        with self._locked() as keys:
            if key_id not in keys:
                raise NotFound(f"密钥 {key_id} 不存在")
            keys[key_id] = ApiKey(**{**asdict(keys[key_id]), "revoked_at": keys[key_id].revoked_at or _now()})
            return keys[key_id]

    def active(self, key_id: str) -> ApiKey | None:
        key = self._read().get(key_id)
        return key if key is not None and key.revoked_at is None else None

    def verify(self, token: str) -> ApiKey | None:
        """The active key a token belongs to, or None."""
        return _verified(token, self._read().get)

    # The session secret: a file beside the keys file.

    @property
    def secret_path(self) -> Path:
        return self.path.with_name(self.path.name + ".session-secret")

    def check_session_secret(self) -> None:
        if self.secret_path.exists():
            self._read_secret()

    def _read_secret(self) -> bytes:
        text = self.secret_path.read_text(encoding="ascii", errors="replace").strip()
        if not re.fullmatch(f"[0-9a-f]{{{2 * SECRET_BYTES}}}", text):
            raise ValueError(
                f"{self.secret_path}: expected {2 * SECRET_BYTES} hex digits (the session secret); "
                "delete the file to make a new one (this signs every browser out)"
            )
        return bytes.fromhex(text)

    def session_secret(self) -> bytes:
        if self.secret_path.exists():
            return self._read_secret()
        self.secret_path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.secret_path.parent, prefix=".session-")
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(SECRET_BYTES))
        os.chmod(tmp, 0o600)
        with contextlib.suppress(FileExistsError):  # another process made one first: use that one
            os.link(tmp, self.secret_path)
        os.unlink(tmp)
        return self._read_secret()


def _key(row: Mapping[str, Any]) -> ApiKey:
    return ApiKey(
        row["key_id"],
        row["owner"],
        row["role"],
        tuple(c for c in (row["chains"] or "").split(",") if c),
        row["created_at"] or "",
        row["revoked_at"] or None,
        row["secret_sha256"],
    )


class GraphKeyStore:
    """Keys and the session secret as system nodes of the graph (the Neo4j backend): every API process
    reads them from the database, from the server that takes writes (a cluster's leader), on every
    request, so a key created or revoked through any process holds in all of them on the next request.
    A key's write keeps the graph's version (keys change no answer about the chains) and, like every
    write, first takes the graph's write lock."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.where = f"图数据库（{store.engine}）"

    def _write(self, tx: GraphStore, statement: Statement) -> None:
        rows = tx.read(Q.GET_VERSION)
        version = str(rows[0]["version"]) if rows else ""
        tx.write([statement, (Q.SET_VERSION, {"version": version, "today": dt.date.today().isoformat()})])

    def listed(self) -> list[ApiKey]:
        return [_key(r) for r in self.store.read(Q.LIST_API_KEYS, primary=True)]

    def any_active(self) -> bool:
        return bool(self.store.read(Q.COUNT_ACTIVE_API_KEYS, primary=True)[0]["active"])

    def _get(self, key_id: str) -> ApiKey | None:
        rows = self.store.read(Q.GET_API_KEY, {"key_id": key_id}, primary=True)
        return _key(rows[0]) if rows else None

    def create(self, owner: str, role: str, chains: tuple[str, ...] = ()) -> tuple[ApiKey, str]:
        """A new key; the token is returned once and never stored."""
        _new_key(owner, role, chains, ())  # refuse a bad request before taking the lock
        with self.store.transaction() as tx:
            taken = {r["key_id"] for r in tx.read(Q.LIST_API_KEYS)}
            key, token = _new_key(owner, role, chains, taken)
            params = {
                "key_id": key.key_id,
                "owner": key.owner,
                "role": key.role,
                "chains": ",".join(key.chains),
                "created_at": key.created_at,
                "secret_sha256": key.secret_sha256,
                "today": dt.date.today().isoformat(),
            }
            self._write(tx, (Q.CREATE_API_KEY, params))
        return key, token

    def revoke(self, key_id: str) -> ApiKey:
        with self.store.transaction() as tx:
            if not tx.read(Q.GET_API_KEY, {"key_id": key_id}):
                raise NotFound(f"密钥 {key_id} 不存在")
            self._write(tx, (Q.REVOKE_API_KEY, {"key_id": key_id, "revoked_at": _now()}))
        key = self._get(key_id)
        assert key is not None
        return key

    def active(self, key_id: str) -> ApiKey | None:
        key = self._get(key_id)
        return key if key is not None and key.revoked_at is None else None

    def verify(self, token: str) -> ApiKey | None:
        """The active key a token belongs to, or None."""
        return _verified(token, self._get)

    def _stored_secret(self) -> bytes | None:
        rows = self.store.read(Q.GET_SESSION_SECRET, primary=True)
        if not rows:
            return None
        text = str(rows[0]["secret"] or "")
        if not re.fullmatch(f"[0-9a-f]{{{2 * SECRET_BYTES}}}", text):
            raise ValueError(
                f"{self.where}: the SessionSecret node holds no {2 * SECRET_BYTES} hex digits; "
                "delete it to make a new one (this signs every browser out)"
            )
        return bytes.fromhex(text)

    def check_session_secret(self) -> None:
        self._stored_secret()

    def session_secret(self) -> bytes:
        found = self._stored_secret()
        if found is not None:
            return found
        with self.store.transaction() as tx:  # the first process to need one makes it; the rest use it
            made = {"secret": secrets.token_hex(SECRET_BYTES), "today": dt.date.today().isoformat()}
            self._write(tx, (Q.CREATE_SESSION_SECRET, made))
        found = self._stored_secret()
        assert found is not None
        return found


def keys_for(settings: Settings, store: GraphStore | None) -> Keys:
    """Where the keys of this installation live: in the graph on the Neo4j backend (``store``, shared
    by every API process), else in the keys file (one machine, one process)."""
    if settings.backend == "neo4j" and store is not None:
        return GraphKeyStore(store)
    return KeyStore(settings.keys_file)


# --- browser sessions ----------------------------------------------------------------------------------
# A browser cannot send a key header when following a link, so the sign-in page trades a key for a signed
# cookie. The token names the key and its expiry and is signed with a secret kept beside the keys file;
# the signature also covers the key's stored digest, so revoking (or re-creating) a key ends its sessions.

SESSION_HOURS = 12


class Sessions:
    """Browser sessions: tokens ``keyid.expires.hmac`` signed with a per-installation secret kept where
    the keys are (a file beside the keys file, or a node of the graph). The signature covers the key's
    hash, so a session ends with its key; deleting the secret ends every session at once."""

    SECRET_BYTES = SECRET_BYTES

    def __init__(self, keys: Keys) -> None:
        self.keys = keys

    @property
    def secret_path(self) -> Path:
        """The secret's file (the embedded backend's keys only)."""
        if not isinstance(self.keys, KeyStore):
            raise AttributeError("the session secret is kept in the graph")
        return self.keys.secret_path

    def check(self) -> None:
        """Fail now, naming where it is kept, if an existing secret is unusable."""
        self.keys.check_session_secret()

    def _secret(self) -> bytes:
        return self.keys.session_secret()

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
