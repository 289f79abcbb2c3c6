"""Random bearer tokens (view-only display links, login cookies): made here, stored only hashed.

A token has 256 random bits, so its SHA-256 is all the database needs: a slow password hash adds
nothing against guessing, and a stolen database does not give the tokens."""

from __future__ import annotations

import hashlib
import secrets

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 200  # anything longer is not one of ours; not even hashed


def new_token() -> str:
    """43 URL-safe characters."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def plausible(token: object) -> bool:
    """Whether `token` is worth looking up."""
    return isinstance(token, str) and 0 < len(token) <= MAX_TOKEN_LENGTH
